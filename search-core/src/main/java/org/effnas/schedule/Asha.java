package org.effnas.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.effnas.eval.Fidelity;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", 2020) for one bracket. New candidates train to the bracket's first rung; whenever a slot is
 * free, the highest rung with a candidate in its current top {@code floor(n/eta)} (n = results recorded
 * at that rung, failures included) that was not yet promoted sends that candidate one rung up. There
 * is no barrier: a rung never waits to be full, so no worker idles; the price is that an early
 * promotion may later fall out of the top 1/eta. Unlike Li et al., the number promoted out of a rung
 * is capped at {@code floor(n/eta)} (their rule may promote a newcomer to the top as well, after an
 * early promotion fell back): so exactly the quota leaves each rung, each one in the top when it left,
 * and the training budget and the checkpoint bound of docs/search.md hold.
 */
public final class Asha implements Scheduler {

    private static final Comparator<RungResult> BEST_FIRST = Comparator.comparingDouble(RungResult::score)
            .reversed().thenComparing(RungResult::baseId);

    private final SchedulerSettings settings;
    private final RungLadder ladder;
    private final int bracket;
    private final int startRung;
    /** Results per rung, in arrival order. */
    private final Map<Integer, List<RungResult>> results = new HashMap<>();
    /** Candidates promoted out of each rung. */
    private final Map<Integer, Set<String>> promoted = new HashMap<>();

    private Asha(SchedulerSettings settings, int bracket) {
        this.settings = settings;
        this.ladder = settings.ladder();
        this.bracket = bracket;
        this.startRung = bracket;
        if (startRung >= ladder.top()) {
            throw new IllegalArgumentException("bracket " + bracket + " would start at or above the top rung");
        }
    }

    public static Asha of(SchedulerSettings settings) {
        return new Asha(settings, 0);
    }

    /** Bracket {@code bracket} of a Hyperband schedule: its candidates start at rung {@code bracket}. */
    static Asha bracket(SchedulerSettings settings, int bracket) {
        return new Asha(settings, bracket);
    }

    @Override
    public SchedulerSettings settings() {
        return settings;
    }

    @Override
    public RungStart nextStart() {
        return new RungStart(bracket, startRung, ladder.stepsAt(startRung));
    }

    @Override
    public void started(String baseId, int b) {
        // a new candidate changes nothing until its result arrives
    }

    /** The promotion this bracket would make now, without committing it. */
    Optional<Promotion> peekPromotion() {
        for (int k = ladder.top() - 1; k >= startRung; k--) {
            List<RungResult> ranked = ranked(k);
            int quota = quota(k);
            Set<String> done = promoted.getOrDefault(k, Set.of());
            if (done.size() >= quota) {
                continue; // never more than floor(n / eta) out of a rung, even when an early one fell back
            }
            for (int i = 0; i < Math.min(quota, ranked.size()); i++) {
                RungResult r = ranked.get(i);
                if (!done.contains(r.baseId())) {
                    return Optional.of(new Promotion(r.baseId(), bracket, k, ladder.stepsAt(k), k + 1,
                            ladder.stepsAt(k + 1)));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Promotion> promotion() {
        Optional<Promotion> p = peekPromotion();
        p.ifPresent(x -> promoted(x.baseId(), x.toRung()));
        return p;
    }

    @Override
    public void promoted(String baseId, int toRung) {
        if (toRung <= startRung || toRung > ladder.top()) {
            throw new IllegalArgumentException("bracket " + bracket + " has no promotion to rung " + toRung);
        }
        promoted.computeIfAbsent(toRung - 1, k -> new HashSet<>()).add(baseId);
    }

    @Override
    public void recorded(RungResult r) {
        results.computeIfAbsent(r.rung(), k -> new ArrayList<>()).add(r);
    }

    /** How many may be promoted out of rung k now: floor(n / eta). */
    int quota(int rung) {
        return results.getOrDefault(rung, List.of()).size() / settings.eta();
    }

    /** The scored results of a rung, best first (ties by id, so the order never depends on arrival). */
    List<RungResult> ranked(int rung) {
        List<RungResult> r = new ArrayList<>(results.getOrDefault(rung, List.of()).stream()
                .filter(RungResult::scored).toList());
        r.sort(BEST_FIRST);
        return r;
    }

    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> keep = new HashSet<>();
        long bound = 0; // an upper bound on the results rung k will ever hold
        for (int k = startRung; k < ladder.top(); k++) {
            if (k == startRung) {
                // every result the first rung will hold: those in, those in flight, those not yet proposed
                bound = saturatedAdd(results.getOrDefault(k, List.of()).size(), futureEvaluations);
            } // above it, results only come by promotion: at most floor(bound / eta) of the rung below
            long mayPromote = bound / settings.eta();
            // ranks only get worse as results arrive, so a candidate below the final quota never rises to it
            List<RungResult> ranked = ranked(k);
            Set<String> done = promoted.getOrDefault(k, Set.of());
            final int rung = k;
            Set<String> arrivedAbove = new HashSet<>();
            results.getOrDefault(k + 1, List.of()).forEach(r -> arrivedAbove.add(r.baseId()));
            if (mayPromote > done.size()) { // once the quota is spent, no one else leaves this rung
                for (int i = 0; i < ranked.size() && i < mayPromote; i++) {
                    keep.add(ranked.get(i).checkpoint());
                }
            }
            for (String id : done) {
                // a promotion resumes from this rung's checkpoint until its next rung is recorded, whatever its rank now
                keep.add(Fidelity.idOf(id, rung));
            }
            // a promotion whose next rung is recorded has a newer checkpoint
            arrivedAbove.forEach(id -> keep.remove(Fidelity.idOf(id, rung)));
            bound = bound / settings.eta();
        }
        ranked(ladder.top()).stream().findFirst().ifPresent(r -> keep.add(r.checkpoint()));
        return keep;
    }

    /** The best result recorded at the top rung, if any. */
    Optional<RungResult> bestAtTop() {
        return ranked(ladder.top()).stream().findFirst();
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
