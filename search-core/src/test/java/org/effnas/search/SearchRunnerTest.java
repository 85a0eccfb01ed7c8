package org.effnas.search;

import static org.effnas.search.SearchFixtures.REFERENCE;
import static org.effnas.search.SearchFixtures.SPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalFile;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRunnerTest {

    static final SurrogateEvaluator SURROGATE = SurrogateEvaluator.of(REFERENCE);

    @TempDir
    Path dir;

    static Evaluator inline() {
        return InlineEvaluator.of(SURROGATE, "surrogate");
    }

    static EvolutionSearch evolution(long seed) {
        return EvolutionSearch.of(SPACE, EvolutionSettings.of(8, 3, 1, 0.5, 0.15), seed);
    }

    @Test
    void spendsTheBudgetOnDistinctCandidatesWithSequentialIds() {
        SearchOutcome o = SearchFixtures.runInMemory(evolution(1), inline(), 1, 60);
        assertEquals(60, o.observations().size());
        assertEquals(StopReason.BUDGET, o.stopReason());
        assertEquals(60, o.observations().stream().map(x -> x.candidate().specKey()).distinct().count());
        for (int i = 0; i < 60; i++) {
            assertEquals(String.format("c%06d", i + 1), o.observations().get(i).candidate().id());
        }
        Observation best = o.best().orElseThrow();
        assertTrue(o.observations().stream().allMatch(x -> x.rewardOrWorst() <= best.reward().getAsDouble()));
    }

    @Test
    void givesUpAfterABoundedNumberOfDuplicateDrawsAndSaysSo() {
        SearchStrategy same = new SearchStrategy() {
            @Override
            public Optional<Proposal> propose() {
                return Optional.of(Proposal.of(REFERENCE));
            }

            @Override
            public void observe(Observation o) {
            }
        };
        List<String> messages = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(SearchProgress p) {
            }

            @Override
            public void message(String line) {
                messages.add(line);
            }
        };
        RunSettings s = SearchFixtures.settings(1, 10);
        SearchOutcome o = SearchRunner.of(same, inline(), InMemoryResultStore.of(SearchFixtures.header("same", 1)),
                new RunSettings(s.training(), s.seed(), s.reward(), s.budget(), s.ordered(), 50, s.prefetch()),
                listener).run();
        assertEquals(1, o.observations().size());
        assertEquals(StopReason.DUPLICATES, o.stopReason());
        assertEquals(50, o.duplicateDraws());
        assertTrue(messages.stream().anyMatch(m -> m.contains("gave up")), messages.toString());
    }

    @Test
    void sameSeedGivesTheSameCandidateSequence() {
        List<String> a = SearchFixtures.keysOf(SearchFixtures.runInMemory(evolution(5), inline(), 5, 50));
        List<String> b = SearchFixtures.keysOf(SearchFixtures.runInMemory(evolution(5), inline(), 5, 50));
        List<String> c = SearchFixtures.keysOf(SearchFixtures.runInMemory(evolution(6), inline(), 6, 50));
        assertSameSequence(a, b, "same seed");
        assertNotEquals(a, c);
        assertEquals(SearchFixtures.keysOf(SearchFixtures.runInMemory(RandomSearch.of(SPACE, 2), inline(), 2, 20)),
                SearchFixtures.keysOf(SearchFixtures.runInMemory(RandomSearch.of(SPACE, 2), inline(), 2, 20)));
    }

    @Test
    void orderedModeIsDeterministicWithFourWorkersAndVaryingDurations() {
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            SurrogateEvaluator slow = SURROGATE.withDuration(SimulatedDuration.logUniform(0.001, 0.01));
            // Durations are a hash of spec and seed; vary them between runs so arrival orders differ.
            long timingSalt = run;
            try (LocalEvaluator pool = LocalEvaluator.of((c, w) -> {
                sleepMillis((c.specKey().hashCode() + timingSalt) % 3);
                return slow.evaluate(c, w);
            }, 4, "surrogate")) {
                SearchOutcome o = SearchFixtures.run(evolution(9), pool,
                        InMemoryResultStore.of(SearchFixtures.header("evolution", 9)),
                        SearchFixtures.settings(9, 40).withOrdered(true));
                runs.add(SearchFixtures.keysOf(o));
            }
        }
        assertSameSequence(runs.get(0), runs.get(1), "ordered runs");
    }

    @Test
    void resumingAfterACrashReproducesTheUninterruptedCandidateSequence() throws Exception {
        int budget = 40;
        List<String> uninterrupted;
        try (JournalFile j = JournalFile.open(dir.resolve("a.jsonl"), SearchFixtures.header("evolution", 3), false,
                w -> { })) {
            SearchFixtures.run(evolution(3), inline(), j, SearchFixtures.settings(3, budget).withOrdered(true));
            uninterrupted = SearchFixtures.keys(j.candidates());
        }
        Path journal = dir.resolve("b.jsonl");
        // First session: the evaluator dies while running the 25th candidate.
        try (JournalFile j = JournalFile.open(journal, SearchFixtures.header("evolution", 3), false, w -> { })) {
            Evaluator dying = new CrashingEvaluator(inline(), 25);
            assertThrows(EvaluatorBrokeDownException.class,
                    () -> SearchFixtures.run(evolution(3), dying, j, SearchFixtures.settings(3, budget).withOrdered(true)));
            assertEquals(1, j.pending().size());
        }
        // ... and the process died mid-append.
        Files.writeString(journal, Files.readString(journal) + "{\"type\":\"res");
        List<String> warnings = new ArrayList<>();
        try (JournalFile j = JournalFile.open(journal, SearchFixtures.header("evolution", 3), true, warnings::add)) {
            SearchOutcome o = SearchFixtures.run(evolution(3), inline(), j, SearchFixtures.settings(3, budget).withOrdered(true));
            assertSameSequence(uninterrupted, SearchFixtures.keys(j.candidates()), "resumed after a crash");
            assertEquals(budget, j.results().size());
            assertEquals(budget, new HashSet<>(j.results().stream().map(EvalResult::candidateId).toList()).size());
            assertEquals(budget, o.observations().size());
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void stoppingAfterKAndResumingWithTheFullBudgetReproducesTheSequence() {
        List<String> uninterrupted = SearchFixtures.keysOf(SearchFixtures.run(
                EvolutionSearch.of(SPACE, EvolutionSettings.defaults(), 4), inline(),
                InMemoryResultStore.of(SearchFixtures.header("evolution", 4)), SearchFixtures.settings(4, 60).withOrdered(true)));
        for (int k : new int[] {1, 23, 24, 25, 59}) {
            InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("evolution", 4));
            SearchFixtures.run(EvolutionSearch.of(SPACE, EvolutionSettings.defaults(), 4), inline(), store,
                    SearchFixtures.settings(4, k).withOrdered(true));
            SearchFixtures.run(EvolutionSearch.of(SPACE, EvolutionSettings.defaults(), 4), inline(), store,
                    SearchFixtures.settings(4, 60).withOrdered(true));
            assertSameSequence(uninterrupted, SearchFixtures.keys(store.candidates()), "stopped after " + k);
        }
    }

    @Test
    void asynchronousModeQueuesAFewBeyondCapacityOrderedModeNever() {
        RunSettings s = SearchFixtures.settings(1, 10);
        assertEquals(16, s.inFlightTarget(8));
        assertEquals(2, s.inFlightTarget(1));
        assertEquals(8, s.withOrdered(true).inFlightTarget(8));
        assertEquals(8, new RunSettings(s.training(), s.seed(), s.reward(), s.budget(), false,
                s.maxDuplicateDraws(), 0).inFlightTarget(8));
    }

    @Test
    void failuresAreCountedAndNeverWin() {
        SurrogateEvaluator flaky = SURROGATE.withFailureRate(0.25);
        SearchOutcome o = SearchFixtures.runInMemory(evolution(2), InlineEvaluator.of(flaky, "surrogate"), 2, 60);
        assertTrue(o.failures() > 5 && o.failures() < 30, "failures " + o.failures());
        assertTrue(o.best().orElseThrow().result().ok());
        assertEquals(60, o.observations().size());
    }

    @Test
    void wallTimeBudgetStopsSubmitting() {
        SurrogateEvaluator slow = SURROGATE.withDuration(SimulatedDuration.logUniform(0.02, 0.03));
        try (LocalEvaluator pool = LocalEvaluator.of(slow, 2, "surrogate")) {
            SearchOutcome o = SearchFixtures.run(RandomSearch.of(SPACE, 1), pool,
                    InMemoryResultStore.of(SearchFixtures.header("random", 1)),
                    RunSettings.of(TrainingSettings.defaults(), 1, SearchFixtures.REWARD,
                            SearchBudget.of(Integer.MAX_VALUE, Duration.ofMillis(200))));
            assertEquals(StopReason.WALL_TIME, o.stopReason());
            assertTrue(o.observations().size() >= 4 && o.observations().size() < 60, o.observations().size() + "");
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(Math.abs(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Evaluates normally, then breaks down (throws) on the n-th submission. */
    static final class CrashingEvaluator implements Evaluator {
        private final Evaluator delegate;
        private final int crashAt;
        private int submissions;

        CrashingEvaluator(Evaluator delegate, int crashAt) {
            this.delegate = delegate;
            this.crashAt = crashAt;
        }

        @Override
        public CompletableFuture<EvalResult> submit(Candidate c) {
            if (++submissions >= crashAt) {
                return CompletableFuture.failedFuture(new IllegalStateException("worker lost"));
            }
            return delegate.submit(c);
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
    }

    /** Equal sequences, or a failure naming the first difference (not two 40-line lists). */
    static void assertSameSequence(List<String> expected, List<String> actual, String what) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": first difference at candidate " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": lengths differ");
    }
}
