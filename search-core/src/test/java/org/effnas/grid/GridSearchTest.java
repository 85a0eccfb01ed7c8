package org.effnas.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.stream.Stream;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalHeader;
import org.effnas.reference.Architectures;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.search.FixedCandidates;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchRunner;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GridSearchTest {

    static Stream<String> bases() {
        return Stream.of("effnas-mini", "efficientnet-b0", "mnasnet-a1");
    }

    static GridReport run(ArchSpec base, int divisor, int seeds) {
        return run(GridSearch.of(base, CoefficientGrid.of(0.1, 2.0, 0.1, 0), seeds, divisor, true,
                Double.POSITIVE_INFINITY), base);
    }

    static GridReport run(GridSearch grid, ArchSpec base) {
        var proposals = grid.proposals();
        SurrogateEvaluator surrogate = SurrogateEvaluator.of(base);
        SearchOutcome o = SearchRunner.of(FixedCandidates.of(proposals), InlineEvaluator.of(surrogate, "surrogate"),
                InMemoryResultStore.of(JournalHeader.of("grid", JsonNodeFactory.instance.objectNode(), 1)),
                RunSettings.of(TrainingSettings.defaults(), 1, Reward.of(1, 0, 0, CostMetric.MACS),
                        SearchBudget.evaluations(proposals.size())), ProgressListener.none()).run();
        assertEquals(proposals.size(), o.observations().size());
        return grid.report(o.observations());
    }

    @ParameterizedTest
    @MethodSource("bases")
    void everyTripleIsReportedWithExactlyOneWinner(String name) {
        ArchSpec base = Architectures.get(name);
        int divisor = org.effnas.scaling.ScalingRules.resolutionDivisor(base.resolution());
        GridReport report = run(base, divisor, 3);
        assertEquals(CoefficientGrid.of(0.1, 2.0, 0.1, 0).triples().size(), report.rows().size());
        assertEquals(1, report.rows().stream().filter(GridRow::winner).count());
        GridRow winner = report.winner().orElseThrow();
        for (GridRow r : report.rows()) {
            assertEquals(3, r.accuracy().n());
            assertTrue(r.accuracy().ciLow() <= r.accuracy().mean() && r.accuracy().mean() <= r.accuracy().ciHigh());
            assertTrue(r.accuracy().mean() < winner.accuracy().mean()
                    || r.accuracy().mean() == winner.accuracy().mean() && r.macs() >= winner.macs());
            assertTrue(r.achievedFlopsRatio() > 1.2 && r.achievedFlopsRatio() < 3.5,
                    "achieved ratio near 2 after rounding: " + r.achievedFlopsRatio());
        }
        // Figure 8: at the same FLOPs target the compound winner beats every single dimension.
        SingleDimensionRow compound = report.singleDimension().stream().filter(r -> r.method().equals("compound"))
                .findFirst().orElseThrow();
        assertEquals(4, report.singleDimension().size());
        for (SingleDimensionRow r : report.singleDimension()) {
            assertTrue(r.method().equals("compound") || r.accuracy().mean() < compound.accuracy().mean(),
                    r.method() + " " + r.accuracy().mean() + " vs compound " + compound.accuracy().mean());
        }
    }

    @org.junit.jupiter.api.Test
    void anAchievedFlopsToleranceKeepsTheWinnerAtEqualCost() {
        ArchSpec base = Architectures.get("effnas-mini");
        GridReport plain = run(base, 1, 1);
        GridReport fair = run(GridSearch.of(base, CoefficientGrid.of(0.1, 2.0, 0.1, 0), 1, 1, true, 0.25), base);
        assertTrue(fair.winnerWithinTolerance());
        GridRow w = fair.winner().orElseThrow();
        assertTrue(Math.abs(w.achievedFlopsRatio() - 2) <= 0.25, "achieved " + w.achievedFlopsRatio());
        assertTrue(plain.winner().orElseThrow().achievedFlopsRatio() > 2.25,
                "on this small base the unconstrained winner is simply the one rounding made biggest");
        GridReport none = run(GridSearch.of(base, CoefficientGrid.of(0.1, 2.0, 0.1, 0), 1, 1, false, 1e-6), base);
        assertTrue(!none.winnerWithinTolerance() && none.winner().isPresent());
    }
}
