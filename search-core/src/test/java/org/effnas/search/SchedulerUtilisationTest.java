package org.effnas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.LocalEvaluator;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

/**
 * A behaviour test of the steady-state scheduler, not a benchmark: with simulated durations that vary
 * 10x (20 to 200 ms, by sleeping) and 8 workers, the runner keeps every worker busy while it has
 * candidates to hand out: a slow candidate never idles the others.
 *
 * <p>It counts, when each evaluation starts, how many others are running. A steady-state scheduler
 * starts a new candidate as soon as one finishes, so the others number 7 (fewer only when several
 * finish within the scheduler's reaction time; finishes are about 10 ms apart here); a generational
 * one that waits for the slowest of each generation of 24 refills an empty pool every generation, so
 * about 5 of every 24 starts have 4 or fewer others. Counting instead of timing keeps the test independent of how loaded
 * the machine is (an earlier wall-clock utilisation bound failed on a busy CI machine).
 */
class SchedulerUtilisationTest {

    private static final int WORKERS = 8;

    @Test
    void eightWorkersStayBusyDespiteTenfoldDurationSpread() {
        SurrogateEvaluator slow = SurrogateEvaluator.of(SearchFixtures.REFERENCE)
                .withDuration(SimulatedDuration.logUniform(0.02, 0.2));
        AtomicInteger running = new AtomicInteger();
        List<Integer> othersAtStart = new CopyOnWriteArrayList<>();
        List<Double> durations = new CopyOnWriteArrayList<>();
        BlockingEvaluator counted = (c, worker) -> {
            othersAtStart.add(running.getAndIncrement());
            long start = System.nanoTime();
            try {
                return slow.evaluate(c, worker);
            } finally {
                durations.add((System.nanoTime() - start) / 1e9);
                running.decrementAndGet();
            }
        };
        int budget = 300;
        SearchOutcome outcome;
        try (LocalEvaluator pool = LocalEvaluator.of(counted, WORKERS, "surrogate")) {
            outcome = SearchFixtures.run(EvolutionSearch.of(SearchFixtures.SPACE, EvolutionSettings.defaults(), 1), pool,
                    InMemoryResultStore.of(SearchFixtures.header("evolution", 1)), SearchFixtures.settings(1, budget));
        }
        assertEquals(budget, outcome.observations().size());
        double min = durations.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = durations.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(max / min > 7, "durations must vary about 10x, got " + min + " .. " + max);
        // the first WORKERS starts fill an empty pool
        List<Integer> steady = othersAtStart.subList(WORKERS, othersAtStart.size());
        long full = steady.stream().filter(n -> n >= WORKERS - 3).count();
        double share = (double) full / steady.size();
        System.out.printf("scheduler: %d evaluations (%.0f-%.0f ms), %d workers, %.3f of starts beside >= %d others%n",
                budget, min * 1e3, max * 1e3, WORKERS, share, WORKERS - 3);
        assertTrue(share >= 0.95, share + " of starts had >= " + (WORKERS - 3) + " others running");
    }
}
