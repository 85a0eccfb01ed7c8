package org.effnas.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.effnas.report.statistics.AccuracyInterval;

/**
 * One (alpha, beta, gamma) triple of the grid with all its seeds folded into one row: mean accuracy
 * with its interval, cost, and whether the grid chose it. Under a multi-fidelity scheduler a triple
 * has rows at every rung it reached; it is summarised at the highest rung where it succeeded, where
 * it was last compared.
 *
 * @param rung   the rung summarised (0 without rungs)
 * @param steps  optimizer steps at that rung (0 without rungs: the recipe decides)
 * @param runs   evaluations of the triple (seeds) at that rung, failed ones included
 * @param failed evaluations that failed
 */
public record GridTriple(double alpha, double beta, double gamma, int rung, long steps, long macs, long params,
                         AccuracyInterval accuracy, boolean winner, int runs, int failed, List<String> workers) {

    /** How triples are ranked (the grid's own rule), as the report states it. */
    public static final String TIE_BREAK = "Triples are ranked by mean minival top-1 (under a multi-fidelity "
            + "scheduler first by the highest rung each reached: the winner is decided among the triples at the top "
            + "rung); equal means go to the triple with fewer multiply-adds, then to the one listed first.";

    public GridTriple {
        workers = List.copyOf(workers);
    }

    /** {@code alpha * beta^2 * gamma^2}, the FLOPs ratio the triple aims at (2 at phi = 1). */
    public double flopsRatio() {
        return alpha * beta * beta * gamma * gamma;
    }

    public String label() {
        return "alpha " + NumberText.plain(alpha) + ", beta " + NumberText.plain(beta) + ", gamma " + NumberText.plain(gamma);
    }

    /**
     * The grid's rows folded per triple (each row is one seed at one rung) at the highest rung where
     * the triple succeeded (the highest it reached when it failed everywhere), best first by
     * {@link #TIE_BREAK}.
     */
    public static List<GridTriple> of(List<GridPoint> points, int evalImages) {
        Map<String, List<GridPoint>> byTriple = points.stream().collect(Collectors.groupingBy(
                p -> round(p.alpha()) + "/" + round(p.beta()) + "/" + round(p.gamma()), LinkedHashMap::new,
                Collectors.toList()));
        List<GridTriple> out = new ArrayList<>();
        for (List<GridPoint> all : byTriple.values()) {
            int rung = all.stream().filter(p -> p.m().ok()).mapToInt(GridPoint::rung).max()
                    .orElse(all.stream().mapToInt(GridPoint::rung).max().orElse(0));
            List<GridPoint> t = all.stream().filter(p -> p.rung() == rung).toList();
            GridPoint first = t.get(0);
            List<Double> ok = t.stream().filter(p -> p.m().ok()).map(p -> p.m().top1()).toList();
            List<String> workers = t.stream().map(p -> p.m().workerId()).distinct().toList();
            long macs = t.stream().filter(p -> p.m().ok()).mapToLong(p -> p.m().macs()).max().orElse(first.m().macs());
            long params = t.stream().filter(p -> p.m().ok()).mapToLong(p -> p.m().params()).max().orElse(first.m().params());
            out.add(new GridTriple(first.alpha(), first.beta(), first.gamma(), rung, first.steps(), macs, params,
                    AccuracyInterval.of(ok, evalImages), all.stream().anyMatch(GridPoint::winner), t.size(),
                    t.size() - ok.size(), workers));
        }
        out.sort(Comparator.comparing((GridTriple g) -> !g.accuracy().measured())
                .thenComparing(Comparator.comparingInt(GridTriple::rung).reversed())
                .thenComparingDouble(g -> g.accuracy().measured() ? -g.accuracy().mean() : 0)
                .thenComparingLong(GridTriple::macs));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
