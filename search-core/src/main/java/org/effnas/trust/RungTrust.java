package org.effnas.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.effnas.eval.Fidelity;
import org.effnas.search.Observation;

/**
 * The trust figures of a multi-fidelity run, for free from its rung results: the rank agreement of
 * top-1 between each pair of consecutive rungs among the candidates that reached both, the agreement of
 * every rung with the top one, and the noise floor of one evaluation where an architecture was run with
 * several seeds at the same rung.
 *
 * @param consecutive agreement of rung k with rung k+1, by k
 * @param againstTop  agreement of rung k with the highest rung reached, by k
 * @param noise       spread of top-1 over seeds (unknown without replicates)
 * @param topRung     the highest rung with results
 * @param steps       the training steps of each rung with results (empty for results without a rung)
 */
public record RungTrust(List<RankAgreement> consecutive, List<RankAgreement> againstTop, NoiseFloor noise,
                        int topRung, Map<Integer, Long> steps) {

    public RungTrust {
        consecutive = List.copyOf(consecutive);
        againstTop = List.copyOf(againstTop);
        steps = Map.copyOf(steps);
    }

    /** From a run's observations (those without a rung count as rung 0), each candidate ranked on its own. */
    public static RungTrust of(List<Observation> observations) {
        return of(observations, false);
    }

    /**
     * From the observations of a run that trained each architecture under several seeds (a grid):
     * the rankings compared are of architectures, each by its mean top-1 over its seeds at the rung,
     * as the grid ranks them (seeds of one architecture ranked against each other would only measure
     * noise, which the noise floor already does).
     */
    public static RungTrust byArchitecture(List<Observation> observations) {
        return of(observations, true);
    }

    private static RungTrust of(List<Observation> observations, boolean byArchitecture) {
        Map<Integer, Map<String, Double>> byRung = new TreeMap<>();
        Map<String, List<Double>> replicates = new HashMap<>();
        Map<Integer, Long> steps = new HashMap<>();
        for (Observation o : observations) {
            if (!o.result().ok() || !Double.isFinite(o.accuracy())) {
                continue;
            }
            Fidelity f = o.candidate().fidelity();
            if (f != null) {
                steps.put(f.rung(), f.steps());
            }
            String base = f == null ? o.candidate().id() : f.baseId();
            if (!byArchitecture) {
                byRung.computeIfAbsent(o.rung(), k -> new HashMap<>()).put(base, o.accuracy());
            }
            replicates.computeIfAbsent(o.rung() + "#" + o.candidate().specKey(), k -> new ArrayList<>())
                    .add(o.accuracy());
        }
        if (byArchitecture) {
            replicates.forEach((key, values) -> {
                int hash = key.indexOf('#');
                byRung.computeIfAbsent(Integer.parseInt(key.substring(0, hash)), k -> new HashMap<>())
                        .put(key.substring(hash + 1), values.stream().mapToDouble(Double::doubleValue).average()
                                .orElseThrow());
            });
        }
        List<Integer> rungs = new ArrayList<>(byRung.keySet());
        List<RankAgreement> consecutive = new ArrayList<>();
        List<RankAgreement> againstTop = new ArrayList<>();
        int top = rungs.isEmpty() ? 0 : rungs.get(rungs.size() - 1);
        for (int i = 0; i + 1 < rungs.size(); i++) {
            int a = rungs.get(i);
            int b = rungs.get(i + 1);
            consecutive.add(RankAgreement.between(a, byRung.get(a), b, byRung.get(b)));
            againstTop.add(RankAgreement.between(a, byRung.get(a), top, byRung.get(top)));
        }
        return new RungTrust(consecutive, againstTop, NoiseFloor.of(replicates.values()), top, steps);
    }

    /** One plain sentence on how far the final ranking can be trusted. */
    public String sentence() {
        if (consecutive.isEmpty()) {
            return "Only one rung was measured, so nothing shows how far these rankings would hold with longer "
                    + "training" + noiseClause() + ".";
        }
        RankAgreement last = consecutive.get(consecutive.size() - 1);
        if (last.kendall().known()) {
            return agreement(last) + noiseClause() + ".";
        }
        String tooFew = "Too few candidates reached " + at(last.fromRung()) + " and " + at(last.toRung()) + " ("
                + last.common() + ") to measure whether the ranking still changes there";
        // the highest pair that could be measured still says how far the lower rungs' choices held
        for (int i = consecutive.size() - 2; i >= 0; i--) {
            if (consecutive.get(i).kendall().known()) {
                return tooFew + "; lower down, " + Character.toLowerCase(agreement(consecutive.get(i)).charAt(0))
                        + agreement(consecutive.get(i)).substring(1) + noiseClause() + ".";
            }
        }
        return tooFew + noiseClause() + ".";
    }

    /** How one rung pair's rankings agree, and what that means for trusting the order. */
    private String agreement(RankAgreement a) {
        double low = a.kendall().low();
        String verdict = low >= 0.6 ? "the ranking has settled, so the order of the leaders can be trusted"
                : low >= 0.2 ? "the ranking is still moving, so trust the group of leaders, not their exact order"
                : "the ranking is not settled, so the winner could still change with more training";
        return String.format(Locale.ROOT, "The ranking after %s agrees with the one after %s with Kendall tau %s "
                        + "(95%% interval) over %d candidates (1 = the same order, 0 = unrelated): %s",
                at(a.fromRung()), at(a.toRung()), a.kendall(), a.common(), verdict);
    }

    /** A rung as the sentence names it: its steps where known. */
    private String at(int rung) {
        Long s = steps.get(rung);
        return s == null ? "rung " + rung : s + " steps";
    }

    private String noiseClause() {
        return noise.known() ? String.format(Locale.ROOT,
                "; one evaluation varies by %.3f top-1 (standard deviation over seeds), so smaller gaps are noise",
                noise.standardDeviation()) : "";
    }
}
