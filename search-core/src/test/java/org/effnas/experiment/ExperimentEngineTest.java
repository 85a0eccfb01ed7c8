package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.effnas.InvalidSettingException;
import org.effnas.cost.CostModel;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.CoefficientGrid;
import org.effnas.reference.Architectures;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.scaling.ScalingDimension;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.ProgressListener;
import org.effnas.search.SearchBudget;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.surrogate.SpaceReference;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentEngineTest {

    static final SearchSpace SPACE = SearchSpaces.builtin("mnasnet-small");

    @TempDir
    Path dir;

    /** The tables the engine hands over, kept in memory. */
    static class Tables implements ExperimentArtefacts {
        final List<CandidateRow> candidates = new ArrayList<>();
        final List<GridEvaluation> grid = new ArrayList<>();
        final List<FamilyEvaluation> family = new ArrayList<>();

        @Override
        public void writeCandidates(List<CandidateRow> rows) {
            candidates.clear();
            candidates.addAll(rows);
        }

        @Override
        public void writeGrid(List<GridEvaluation> rows) {
            grid.clear();
            grid.addAll(rows);
        }

        @Override
        public void writeFamily(List<FamilyEvaluation> rows) {
            family.clear();
            family.addAll(rows);
        }

        @Override
        public Map<String, Map<Integer, Double>> earlierArrivals() {
            return Map.of();
        }
    }

    static final PhaseListeners QUIET = new PhaseListeners() {
        @Override
        public ProgressListener phase(PhaseKind kind, String label, IntSupplier workers) {
            return ProgressListener.none();
        }

        @Override
        public void message(String line) {
        }
    };

    static final EvaluatorProvider SURROGATE = (reference, id, log) -> {
        SurrogateEvaluator s = SurrogateEvaluator.of(reference);
        return new ExperimentEvaluator(LocalEvaluator.of(s, 2, SurrogateEvaluator.KIND), s.datasetId(), () -> 2,
                "surrogate on 2 threads", CheckpointRelease.none());
    };

    static SearchPlan search(int budget, boolean randomBaseline) {
        Reward reward = Reward.of(CostModel.of(SpaceReference.of(SPACE)).macs(), -0.07, -0.07, CostMetric.MACS);
        return new SearchPlan(SPACE, reward, StrategyKind.EVOLUTION, EvolutionSettings.defaults(),
                SearchBudget.evaluations(budget), randomBaseline);
    }

    static GridPlan grid(Optional<org.effnas.spec.ArchSpec> base) {
        return new GridPlan(base, CoefficientGrid.of(0.2, 2.0, 0.15, 4), 1, OptionalInt.empty(),
                Double.POSITIVE_INFINITY, true);
    }

    ExperimentPlan plan(Path out, Optional<SearchPlan> s, Optional<GridPlan> g, Optional<FamilyPlan> f,
                        EvaluatorKind kind, boolean resume, Optional<Path> cache) {
        return new ExperimentPlan(s, g, f, kind, TrainingSettings.defaults(), 5, out, resume, cache, false, true);
    }

    @Test
    void everyPhaseRunsWithItsOwnJournalAndTheFamilyReusesEarlierEvaluations() {
        Tables tables = new Tables();
        Path out = dir.resolve("all");
        ExperimentPlan p = plan(out, Optional.of(search(12, true)), Optional.of(grid(Optional.empty())),
                Optional.of(new FamilyPlan(0, 2, true, 1)), EvaluatorKind.SURROGATE, false, Optional.empty());
        ExperimentOutcome o = ExperimentEngine.run(p, SURROGATE, tables, BestModelSaver.NONE, QUIET);
        assertTrue(o.succeeded(p));
        for (PhaseKind k : List.of(PhaseKind.SEARCH, PhaseKind.RANDOM, PhaseKind.GRID, PhaseKind.FAMILY)) {
            assertTrue(Files.isRegularFile(out.resolve(k.journal())), k + " journal");
        }
        assertEquals(24, tables.candidates.size());
        assertEquals(12, tables.candidates.stream().filter(r -> r.run().equals("random")).count());
        assertTrue(Files.isRegularFile(out.resolve("best/spec.yaml")) && Files.isRegularFile(out.resolve("best/spec.json")));
        assertTrue(tables.grid.stream().anyMatch(r -> r.row().winner()));
        // B0 is the search winner and B1 a grid triple: evaluated once, in their own phases
        assertTrue(tables.family.stream().anyMatch(r -> r.member().name().equals("B0")
                && r.qualifiedId().startsWith("search/")));
        assertTrue(tables.family.stream().anyMatch(r -> r.member().name().equals("B1")
                && r.qualifiedId().startsWith("grid/")));
        assertTrue(tables.family.stream().anyMatch(r -> r.member().name().equals("B2")
                && r.qualifiedId().startsWith("family/")));
        assertTrue(tables.family.stream().anyMatch(r -> r.member().scaling() == ScalingDimension.WIDTH
                && r.qualifiedId().startsWith("grid/")), "W1 comes from the grid's comparison");
        assertTrue(Files.isRegularFile(out.resolve("family/B2.yaml")));
    }

    @Test
    void theSamePlanGivesTheSameCandidatesAndResumesWhereItStopped() {
        Tables a = new Tables();
        Tables b = new Tables();
        ExperimentEngine.run(plan(dir.resolve("a"), Optional.of(search(10, false)), Optional.empty(), Optional.empty(),
                EvaluatorKind.SURROGATE, false, Optional.empty()), SURROGATE, a, BestModelSaver.NONE, QUIET);
        ExperimentEngine.run(plan(dir.resolve("b"), Optional.of(search(6, false)), Optional.empty(), Optional.empty(),
                EvaluatorKind.SURROGATE, false, Optional.empty()), SURROGATE, b, BestModelSaver.NONE, QUIET);
        ExperimentOutcome resumed = ExperimentEngine.run(plan(dir.resolve("b"), Optional.of(search(10, false)),
                Optional.empty(), Optional.empty(), EvaluatorKind.SURROGATE, true, Optional.empty()), SURROGATE, b,
                BestModelSaver.NONE, QUIET);
        assertEquals(keys(a), keys(b), "6 then 4 more after a resume = the same 10 candidates");
        assertEquals(10, resumed.search().orElseThrow().observations().size());
    }

    @Test
    void theCacheServesEveryPhaseOfAnotherExperiment() {
        Path cache = dir.resolve("cache");
        ExperimentPlan first = plan(dir.resolve("x"), Optional.of(search(8, false)), Optional.of(grid(Optional.empty())),
                Optional.empty(), EvaluatorKind.SURROGATE, false, Optional.of(cache));
        ExperimentEngine.run(first, SURROGATE, new Tables(), BestModelSaver.NONE, QUIET);
        ExperimentPlan second = plan(dir.resolve("y"), Optional.of(search(8, false)), Optional.of(grid(Optional.empty())),
                Optional.empty(), EvaluatorKind.SURROGATE, false, Optional.of(cache));
        ExperimentOutcome o = ExperimentEngine.run(second, SURROGATE, new Tables(), BestModelSaver.NONE, QUIET);
        assertEquals(8, o.search().orElseThrow().cachedResults());
        assertEquals(o.gridOutcome().orElseThrow().observations().size(), o.gridOutcome().orElseThrow().cachedResults());
    }

    @Test
    void theWinnersModelIsSavedOnceAndNotRetrainedOnResume() throws IOException {
        AtomicInteger saves = new AtomicInteger();
        BestModelSaver saver = (best, d) -> {
            saves.incrementAndGet();
            try {
                Files.createDirectories(d);
                Files.writeString(d.resolve("model.zip"), "weights");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "saved";
        };
        Path out = dir.resolve("m");
        // a trained evaluator's plan on the surrogate's numbers: only the saving step differs
        ExperimentEngine.run(plan(out, Optional.of(search(6, false)), Optional.empty(), Optional.empty(),
                EvaluatorKind.DL4J, false, Optional.empty()), SURROGATE, new Tables(), saver, QUIET);
        ExperimentEngine.run(plan(out, Optional.of(search(6, false)), Optional.empty(), Optional.empty(),
                EvaluatorKind.DL4J, true, Optional.empty()), SURROGATE, new Tables(), saver, QUIET);
        assertEquals(1, saves.get());
        assertEquals("weights", Files.readString(out.resolve("best/model.zip")));
    }

    @Test
    void aGridWithItsOwnBaseIsAPlanWithoutASearch() {
        Tables t = new Tables();
        var base = Architectures.get("effnas-mini");
        ExperimentPlan p = plan(dir.resolve("g"), Optional.empty(), Optional.of(grid(Optional.of(base))),
                Optional.of(FamilyPlan.gridComparison()), EvaluatorKind.SURROGATE, false, Optional.empty());
        ExperimentOutcome o = ExperimentEngine.run(p, SURROGATE, t, BestModelSaver.NONE, QUIET);
        assertTrue(o.succeeded(p));
        assertTrue(Files.notExists(dir.resolve("g").resolve(PhaseKind.SEARCH.journal())));
        assertTrue(Files.notExists(dir.resolve("g").resolve(PhaseKind.FAMILY.journal())), "B1, D1, W1, R1 all come "
                + "from the grid: nothing to train");
        assertEquals(List.of("B1", "D1", "W1", "R1"), t.family.stream().map(r -> r.member().name()).distinct().toList());
        assertThrows(InvalidSettingException.class, () -> plan(dir.resolve("h"), Optional.empty(),
                Optional.of(grid(Optional.empty())), Optional.empty(), EvaluatorKind.SURROGATE, false, Optional.empty()));
    }

    @Test
    void theEstimateCountsWhatThePlanThenEvaluates() {
        var base = Architectures.get("effnas-mini");
        ExperimentPlan p = plan(dir.resolve("e"), Optional.of(search(7, true)), Optional.of(grid(Optional.empty())),
                Optional.of(new FamilyPlan(0, 2, true, 1)), EvaluatorKind.SURROGATE, false, Optional.empty());
        PlanEstimate e = PlanEstimate.of(p);
        ExperimentOutcome o = ExperimentEngine.run(p, SURROGATE, new Tables(), BestModelSaver.NONE, QUIET);
        assertEquals(7, e.search());
        assertEquals(7, e.random());
        assertEquals(o.search().orElseThrow().observations().size(), e.search());
        assertEquals(o.random().orElseThrow().observations().size(), e.random());
        assertTrue(o.gridOutcome().orElseThrow().observations().size() <= e.grid(), "around an unknown winner: at most");
        assertEquals(1, e.family(), "B2 only: B0 from the search, B1 and D1, W1, R1 from the grid");
        assertTrue(!e.exact());
        ExperimentPlan g = plan(dir.resolve("f"), Optional.empty(), Optional.of(grid(Optional.of(base))), Optional.empty(),
                EvaluatorKind.SURROGATE, false, Optional.empty());
        PlanEstimate ge = PlanEstimate.of(g);
        assertTrue(ge.exact());
        assertEquals(ExperimentEngine.run(g, SURROGATE, new Tables(), BestModelSaver.NONE, QUIET).gridOutcome()
                .orElseThrow().observations().size(), ge.grid());
        assertEquals(1, PlanEstimate.of(plan(dir.resolve("d"), Optional.of(search(3, false)), Optional.empty(),
                Optional.empty(), EvaluatorKind.DL4J, false, Optional.empty())).bestModel(), "a trained winner is retrained once");
    }

    @Test
    void aLatencyTargetHasNoDefaultForATrainedEvaluator() {
        var ref = SpaceReference.of(SPACE);
        assertEquals(CostModel.of(ref).macs(), RewardTargets.defaultTarget(CostMetric.MACS, ref, EvaluatorKind.DL4J));
        assertTrue(RewardTargets.defaultTarget(CostMetric.LATENCY_MS, ref, EvaluatorKind.SURROGATE) > 0);
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RewardTargets.defaultTarget(CostMetric.LATENCY_MS, ref, EvaluatorKind.DL4J));
        assertEquals("latency target", e.setting());
    }

    private static List<String> keys(Tables t) {
        return t.candidates.stream().map(r -> r.observation().candidate().specKey()).toList();
    }
}
