package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.effnas.report.chart.RungLadderChart;
import org.junit.jupiter.api.Test;

/** The report's rung ladders and the grid folded at the rung each triple reached, from the tables' rows. */
class RungLaddersTest {

    private static RungPoint rung(String phase, String id, int rung, double top1) {
        long steps = new long[] {30, 90, 270}[rung];
        return new RungPoint(phase, id, rung, steps, rung == 0 ? 0 : new long[] {0, 30, 90}[rung], top1, 1.0, "spec");
    }

    private static GridPoint grid(double a, int rung, double top1, boolean winner, String id) {
        return new GridPoint(a, 1.1, 1.1, rung, new long[] {30, 90, 270}[rung], top1, Double.NaN, Double.NaN, winner,
                SyntheticResults.measurement(id + "@r" + rung, top1, 9_000_000, "surrogate", false));
    }

    private static SearchPoint search(String id, int rung, double reward) {
        return new SearchPoint("evolution", 1, Double.NaN, reward,
                SyntheticResults.measurement(id + "@r" + rung, reward, 9_000_000, "surrogate", false));
    }

    @Test
    void onePerPhaseWithRungsEveryCandidateALineAndTheWinnersHighlighted() {
        List<RungPoint> rungs = new ArrayList<>(List.of(rung("search", "c000001", 0, 0.50),
                rung("search", "c000002", 0, 0.62), rung("search", "c000002", 1, 0.80), rung("search", "c000003", 0, 0.60),
                rung("search", "c000003", 1, 0.78), rung("search", "c000003", 2, 0.90),
                rung("search", "c000004", 0, Double.NaN),
                rung("grid", "c000001", 0, 0.5), rung("grid", "c000002", 0, 0.7), rung("grid", "c000002", 1, 0.8),
                rung("grid", "c000003", 0, 0.7), rung("grid", "c000003", 1, 0.81),
                rung("family", "c000001", 0, 0.9), rung("family", "c000002", 0, 0.91)));
        // the search winner is the best reward at the highest rung: c000003 at rung 2, though c000002's
        // rung-1 reward is higher
        List<SearchPoint> searched = List.of(search("c000002", 1, 0.95), search("c000003", 2, 0.93),
                search("c000001", 0, 0.5));
        // the grid's winning triple has two seeds, c000002 and c000003
        List<GridPoint> gridRows = List.of(grid(1.0, 0, 0.5, false, "c000001"), grid(1.2, 0, 0.7, true, "c000002"),
                grid(1.2, 0, 0.7, true, "c000003"), grid(1.2, 1, 0.8, true, "c000002"), grid(1.2, 1, 0.81, true, "c000003"));
        ExperimentResults r = new ExperimentResults("t", 0, 100, searched, gridRows, List.of());
        List<RungLadderChart> charts = ReportCharts.rungLadders(rungs, r);
        assertEquals(List.of("rung-ladder-search", "rung-ladder-grid"), charts.stream().map(RungLadderChart::name).toList(),
                "one chart per phase with more than one rung: the family trains at one rung only");
        RungLadderChart s = charts.get(0);
        assertEquals(List.of("c000001", "c000002", "c000003"), s.lines().stream().map(RungLadderChart.Line::candidate)
                .toList(), "one line per candidate with a successful rung (c000004 failed)");
        assertEquals(List.of(30L, 90L, 270L), s.lines().get(2).points().stream().map(RungLadderChart.Point::steps).toList());
        assertEquals(Set.of("c000003"), s.winners());
        assertEquals(Set.of("c000002", "c000003"), charts.get(1).winners());
        assertTrue(s.title().startsWith("SURROGATE"));
    }

    @Test
    void aTripleIsFoldedAtItsHighestRungAndOnlyTriplesAtTheWinnersRungAreItsRunnersUp() {
        List<GridPoint> rows = List.of(grid(1.0, 0, 0.90, false, "c1"), grid(1.0, 0, 0.92, false, "c2"),
                grid(1.2, 0, 0.60, true, "c3"), grid(1.2, 0, 0.62, true, "c4"),
                grid(1.2, 1, 0.80, true, "c3"), grid(1.2, 1, 0.82, true, "c4"),
                grid(1.4, 0, 0.58, false, "c5"), grid(1.4, 0, 0.59, false, "c6"),
                grid(1.4, 1, 0.70, false, "c5"), grid(1.4, 1, 0.72, false, "c6"));
        List<GridTriple> ranked = GridTriple.of(rows, 100);
        assertEquals(List.of(1.2, 1.4, 1.0), ranked.stream().map(GridTriple::alpha).toList(),
                "higher rungs first, then by mean: alpha 1's 91% after 30 steps is not compared with 81% after 90");
        assertEquals(90, ranked.get(0).steps());
        assertEquals(0.81, ranked.get(0).accuracy().mean(), 1e-12);
        assertEquals(2, ranked.get(0).runs(), "the seeds at that rung");
        GridOutcome o = GridOutcome.of(ranked).orElseThrow();
        assertEquals(1.2, o.winner().alpha());
        assertEquals(1.4, o.runnerUp().alpha(), "the runner-up is measured at the winner's rung");
        Optional<GridOutcome> alone = GridOutcome.of(GridTriple.of(rows.subList(0, 6), 100));
        assertEquals(null, alone.orElseThrow().runnerUp(), "no other triple reached the winner's rung");
        assertFalse(alone.orElseThrow().withinNoise());
    }
}
