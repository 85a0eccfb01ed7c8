package org.effnas.search;

import static org.effnas.search.SearchFixtures.SPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;
import org.effnas.eval.Fidelity;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalFile;
import org.effnas.journal.ResultStore;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiFidelitySearchTest {

    static final SchedulerSettings ASHA = SchedulerSettings.asha(30, 810, 3);
    static final SurrogateEvaluator SURROGATE = SurrogateEvaluator.of(SearchFixtures.REFERENCE);

    @TempDir
    Path dir;

    static Evaluator inline() {
        return InlineEvaluator.of(SURROGATE, "surrogate");
    }

    static SearchOutcome run(SearchStrategy strategy, Evaluator e, ResultStore store, SchedulerSettings s,
                             int budget, long seed, CheckpointRelease release) {
        return SearchRunner.of(strategy, e, store, SearchFixtures.settings(seed, budget).withOrdered(true),
                ProgressListener.none(), Scheduler.of(s), release).run();
    }

    @Test
    void everyRungIsOneJournalEntryAndPromotionsContinueTheirLastRung() {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", 1));
        SearchOutcome o = run(RandomSearch.of(SPACE, 1), inline(), store, ASHA, 81, 1, CheckpointRelease.none());
        Map<Integer, Integer> perRung = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        for (Candidate c : store.candidates()) {
            Fidelity f = c.fidelity();
            assertEquals(Fidelity.idOf(f.baseId(), f.rung()), c.id());
            assertEquals(810, c.training().steps(), "the schedule spans max_steps on every rung");
            assertTrue(pairs.add(f.baseId() + "/" + f.rung()), "each (candidate, rung) once");
            assertEquals(ASHA.ladder().stepsAt(f.rung()), f.steps());
            if (f.rung() > 0) {
                assertEquals(Fidelity.idOf(f.baseId(), f.rung() - 1), f.resumeFrom());
                assertEquals(ASHA.ladder().stepsAt(f.rung() - 1), f.fromSteps());
                assertTrue(store.result(f.resumeFrom()).isPresent(), "promoted only after its rung was recorded");
            }
            perRung.merge(f.rung(), 1, Integer::sum);
        }
        assertEquals(Map.of(0, 81, 1, 27, 2, 9, 3, 3), perRung, "exactly the top third climbs each rung");
        assertEquals(store.candidates().size(), store.results().size());
        assertEquals(3, o.best().orElseThrow().rung(), "the winner is decided at the top rung");
        assertEquals(StopReason.BUDGET, o.stopReason());
    }

    @Test
    void progressCountsTheStepsOfEveryRungAgainstTheLadder() {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", 2));
        List<SearchProgress> seen = new ArrayList<>();
        SearchRunner.of(RandomSearch.of(SPACE, 2), inline(), store, SearchFixtures.settings(2, 20).withOrdered(true),
                seen::add, Scheduler.of(ASHA), CheckpointRelease.none()).run();
        // ASHA alone: 20 at 30 steps, 6 on to 90, 2 to 270 (floor(2/3) = 0 reach 810)
        long planned = ASHA.work(20, false).steps();
        assertEquals(1320, planned);
        assertTrue(seen.stream().allMatch(p -> p.stepsTotal() == planned && p.countsSteps()));
        SearchProgress last = seen.get(seen.size() - 1);
        assertEquals(planned, last.stepsDone(), "the ladder's planned steps are the steps the run trained");
        assertEquals(0, last.etaSeconds(), 1e-9);
    }

    @Test
    void progressMeasuresEachEvaluationsOverheadFromWallTimeLessTrainingTime() {
        int batch = TrainingSettings.defaults().batchSize();
        // every evaluation: 2 s of overhead, then 0.1 s per step; a worker's garbage figures are left out
        BlockingEvaluator timed = (c, worker) -> {
            EvalResult r = SURROGATE.evaluate(c, worker);
            long steps = c.fidelity().incrementalSteps();
            boolean garbage = c.fidelity().baseId().equals("c000003");
            return new EvalResult(r.candidateId(), r.specKey(), r.top1(), r.top5(), r.loss(), r.params(), r.macs(),
                    r.latencyMs(), garbage ? Double.NaN : batch / 0.1, garbage ? -1 : 2 + 0.1 * steps, r.workerId(),
                    r.failure(), r.provenance());
        };
        List<SearchProgress> seen = new ArrayList<>();
        SearchRunner.of(RandomSearch.of(SPACE, 2), InlineEvaluator.of(timed, "timed"),
                InMemoryResultStore.of(SearchFixtures.header("random", 2)),
                SearchFixtures.settings(2, 20).withOrdered(true), seen::add, Scheduler.of(ASHA),
                CheckpointRelease.none()).run();
        SearchProgress last = seen.get(seen.size() - 1);
        assertEquals(20, last.overheadSteps(), 1e-6, "2 s of overhead at 0.1 s per step");
        assertEquals(ASHA.work(20, false).evaluations(), last.evaluationsDone(), "every rung result counted");
        assertEquals(last.evaluationsTotal(), last.evaluationsDone(), "the ladder's planned evaluations are what ran");
        assertEquals(20, seen.get(0).overheadSteps(), 1e-6, "measured from the first result on");
    }

    @Test
    void hyperbandStartsBracketsAtTheirOwnRungsAndPromotesWithinThem() {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", 5));
        SchedulerSettings hb = SchedulerSettings.hyperband(30, 810, 3, 3);
        SearchOutcome o = run(RandomSearch.of(SPACE, 5), inline(), store, hb, 54, 5, CheckpointRelease.none());
        Set<String> pairs = new HashSet<>();
        for (Candidate c : store.candidates()) {
            Fidelity f = c.fidelity();
            assertTrue(pairs.add(f.baseId() + "/" + f.rung()));
            if (f.startsFresh()) {
                assertEquals(f.bracket(), f.rung(), "bracket s starts at rung s");
            } else {
                assertEquals(f.bracket(), store.candidates().stream()
                        .filter(x -> x.id().equals(f.resumeFrom())).findFirst().orElseThrow().fidelity().bracket());
            }
        }
        // 18 candidates per bracket: bracket 0 promotes 6, 2, 0 (2 / 3 rounds down); bracket 1: 6, 2; bracket 2: 6
        Map<Integer, Integer> promotions = new HashMap<>();
        store.candidates().stream().filter(c -> !c.fidelity().startsFresh())
                .forEach(c -> promotions.merge(c.fidelity().bracket(), 1, Integer::sum));
        assertEquals(Map.of(0, 8, 1, 8, 2, 6), promotions);
        assertEquals(3, o.best().orElseThrow().rung());
    }

    @Test
    void fifoWithoutRungsLeavesCandidatesAsTheyWere() {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", 2));
        run(RandomSearch.of(SPACE, 2), inline(), store, SchedulerSettings.fifo(), 10, 2, CheckpointRelease.none());
        assertTrue(store.candidates().stream().allMatch(c -> c.fidelity() == null && c.id().matches("c\\d{6}")));
    }

    @Test
    void resumingAfterACrashRestoresTheSchedulerAndRecordsEveryRungOnce() throws Exception {
        List<String> uninterrupted;
        try (JournalFile j = JournalFile.open(dir.resolve("a.jsonl"), SearchFixtures.header("evolution", 3), false,
                w -> { })) {
            run(evolution(3), inline(), j, ASHA, 40, 3, CheckpointRelease.none());
            uninterrupted = SearchFixtures.keys(j.candidates());
        }
        Path journal = dir.resolve("b.jsonl");
        try (JournalFile j = JournalFile.open(journal, SearchFixtures.header("evolution", 3), false, w -> { })) {
            Evaluator dying = new SearchRunnerTest.CrashingEvaluator(inline(), 45);
            assertThrows(EvaluatorBrokeDownException.class,
                    () -> run(evolution(3), dying, j, ASHA, 40, 3, CheckpointRelease.none()));
            assertTrue(j.candidates().stream().anyMatch(c -> c.fidelity().rung() > 0), "crashed after promotions");
        }
        try (JournalFile j = JournalFile.open(journal, SearchFixtures.header("evolution", 3), true, w -> { })) {
            run(evolution(3), inline(), j, ASHA, 40, 3, CheckpointRelease.none());
            assertEquals(uninterrupted, SearchFixtures.keys(j.candidates()));
            assertEquals(j.candidates().size(), j.results().size());
            assertEquals(j.results().size(), j.results().stream().map(EvalResult::candidateId).distinct().count());
        }
    }

    @Test
    void releasesOnlyCheckpointsNoPromotionCanNeedAndKeepsTheWinner() {
        SearchOutcome o = assertOnlyTheWinnersCheckpointIsLeft(81);
        assertEquals(ASHA.ladder().top(), o.best().orElseThrow().rung());
    }

    @Test
    void keepsTheWinnersCheckpointWhenTheSearchStopsBelowTheTopRung() {
        // 20 candidates: ASHA alone promotes 6, then 2, then floor(2/3) = 0, so the winner is at 270 steps
        SearchOutcome o = assertOnlyTheWinnersCheckpointIsLeft(20);
        assertEquals(2, o.best().orElseThrow().rung());
    }

    private static SearchOutcome assertOnlyTheWinnersCheckpointIsLeft(int budget) {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", 4));
        List<String> released = new ArrayList<>();
        Set<String> resumedAfterRelease = new HashSet<>();
        CheckpointRelease release = id -> {
            assertFalse(released.contains(id), "released twice: " + id);
            released.add(id);
        };
        Evaluator watching = new Evaluator() {
            final Evaluator inner = inline();

            @Override
            public java.util.concurrent.CompletableFuture<EvalResult> submit(Candidate c) {
                if (c.fidelity().resumeFrom() != null && released.contains(c.fidelity().resumeFrom())) {
                    resumedAfterRelease.add(c.id());
                }
                return inner.submit(c);
            }

            @Override
            public int capacity() {
                return 1;
            }

            @Override
            public String kind() {
                return "surrogate";
            }

            @Override
            public void close() {
            }
        };
        SearchOutcome o = run(RandomSearch.of(SPACE, 4), watching, store, ASHA, budget, 4, release);
        assertTrue(resumedAfterRelease.isEmpty(), "resumed from a released checkpoint: " + resumedAfterRelease);
        Set<String> kept = new HashSet<>(store.candidates().stream().map(Candidate::id).toList());
        kept.removeAll(released);
        assertEquals(Set.of(o.best().orElseThrow().candidate().id()), kept,
                "once the budget is spent only the winner's checkpoint is left");
        return o;
    }

    static EvolutionSearch evolution(long seed) {
        return EvolutionSearch.of(SPACE, EvolutionSettings.of(8, 3, 1, 0.5, 0.15), seed);
    }
}
