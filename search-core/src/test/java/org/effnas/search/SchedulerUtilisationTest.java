package org.effnas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.EvalResult;
import org.effnas.eval.LocalEvaluator;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

/**
 * A behaviour test of the steady-state scheduler, not a benchmark: with simulated durations that vary
 * 10x (5 to 50 ms, by sleeping, so a loaded CPU does not stretch them) and 8 workers, the runner keeps
 * every worker busy while it has candidates to hand out: a slow candidate never idles the others.
 *
 * <p>Utilisation is busy time / (8 x window), the window running from the first evaluation's start
 * to the last evaluation's start. The drain after the budget is spent (the last candidates finishing
 * while nothing is left to submit) is not the scheduler's doing and is left out, and so is JVM
 * warm-up (a quick unmeasured run first).
 */
class SchedulerUtilisationTest {

    private record Span(long start, long end) {
    }

    @Test
    void eightWorkersStayBusyDespiteTenfoldDurationSpread() {
        SurrogateEvaluator slow = SurrogateEvaluator.of(SearchFixtures.REFERENCE)
                .withDuration(SimulatedDuration.logUniform(0.005, 0.05));
        List<Span> spans = new CopyOnWriteArrayList<>();
        BlockingEvaluator timed = (c, worker) -> {
            long start = System.nanoTime();
            EvalResult r = slow.evaluate(c, worker);
            spans.add(new Span(start, System.nanoTime()));
            return r;
        };
        // Class loading and JIT compilation of the search path are a one-off start-up cost, not
        // scheduling: a quick run without sleeping pays them first.
        SearchFixtures.runInMemory(EvolutionSearch.of(SearchFixtures.SPACE, EvolutionSettings.defaults(), 2),
                org.effnas.eval.InlineEvaluator.of(SurrogateEvaluator.of(SearchFixtures.REFERENCE), "surrogate"), 2, 400);
        int budget = 1500;
        SearchOutcome outcome;
        try (LocalEvaluator pool = LocalEvaluator.of(timed, 8, "surrogate")) {
            outcome = SearchFixtures.run(EvolutionSearch.of(SearchFixtures.SPACE, EvolutionSettings.defaults(), 1), pool,
                    InMemoryResultStore.of(SearchFixtures.header("evolution", 1)), SearchFixtures.settings(1, budget));
        }
        assertEquals(budget, outcome.observations().size());
        double min = spans.stream().mapToDouble(s -> (s.end - s.start) / 1e9).min().orElseThrow();
        double max = spans.stream().mapToDouble(s -> (s.end - s.start) / 1e9).max().orElseThrow();
        assertTrue(max / min > 7, "durations must vary about 10x, got " + min + " .. " + max);
        long from = spans.stream().mapToLong(Span::start).min().orElseThrow();
        long to = spans.stream().mapToLong(Span::start).max().orElseThrow();
        double busy = spans.stream().mapToLong(s -> Math.max(0, Math.min(s.end, to) - Math.max(s.start, from))).sum() / 1e9;
        double window = (to - from) / 1e9;
        double utilisation = busy / (8 * window);
        System.out.printf("scheduler: %d evaluations (%.0f-%.0f ms), 8 workers, window %.2f s, busy %.2f s, "
                + "utilisation %.3f%n", budget, min * 1e3, max * 1e3, window, busy, utilisation);
        assertTrue(utilisation >= 0.95, "utilisation " + utilisation + " (busy " + busy + " s over 8 x " + window + " s)");
    }
}
