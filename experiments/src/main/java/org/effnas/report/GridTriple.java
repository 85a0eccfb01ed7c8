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
 * with its interval, cost, and whether the grid chose it.
 *
 * @param runs   evaluations of the triple (seeds), failed ones included
 * @param failed evaluations that failed
 */
public record GridTriple(double alpha, double beta, double gamma, long macs, long params, AccuracyInterval accuracy,
                         boolean winner, int runs, int failed, List<String> workers) {

    /**
     * How triples are ranked, stated in the report: by mean accuracy, equal means by fewer MACs
     * (the grid's own rule), then by the order the grid listed them.
     */
    public static final String TIE_BREAK = "Triples are ranked by mean minival top-1; equal means go to the triple "
            + "with fewer multiply-adds, then to the one listed first.";

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

    /** The grid's rows folded per triple (each row is one seed), best first by {@link #TIE_BREAK}. */
    public static List<GridTriple> of(List<GridPoint> points, int evalImages) {
        Map<String, List<GridPoint>> byTriple = points.stream().collect(Collectors.groupingBy(
                p -> round(p.alpha()) + "/" + round(p.beta()) + "/" + round(p.gamma()), LinkedHashMap::new,
                Collectors.toList()));
        List<GridTriple> out = new ArrayList<>();
        for (List<GridPoint> t : byTriple.values()) {
            GridPoint first = t.get(0);
            List<Double> ok = t.stream().filter(p -> p.m().ok()).map(p -> p.m().top1()).toList();
            List<String> workers = t.stream().map(p -> p.m().workerId()).distinct().toList();
            long macs = t.stream().filter(p -> p.m().ok()).mapToLong(p -> p.m().macs()).max().orElse(first.m().macs());
            long params = t.stream().filter(p -> p.m().ok()).mapToLong(p -> p.m().params()).max().orElse(first.m().params());
            out.add(new GridTriple(first.alpha(), first.beta(), first.gamma(), macs, params,
                    AccuracyInterval.of(ok, evalImages), t.stream().anyMatch(GridPoint::winner), t.size(),
                    t.size() - ok.size(), workers));
        }
        out.sort(Comparator.comparingDouble((GridTriple g) -> g.accuracy().measured() ? -g.accuracy().mean()
                : Double.POSITIVE_INFINITY).thenComparingLong(GridTriple::macs));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
