package org.effnas.search;

import static org.effnas.search.SearchFixtures.SPACE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.effnas.eval.Candidate;
import org.effnas.eval.InlineEvaluator;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The point of ASHA, on the surrogate's learning curves (rankings cross between rungs): over 24 seeds,
 * ASHA (rungs 30, 90, 270, 810 steps, eta 3, 81 new candidates) reaches a best top-rung reward at
 * least as good as FIFO training 27 candidates to 810 steps each, with at most a third of FIFO's
 * training steps. Random search proposes for both, so only the scheduler differs.
 */
class AshaVersusFifoTest {

    static final int SEEDS = 24;
    static final long MAX_STEPS = 810;
    static final int FIFO_CANDIDATES = 27;
    static final int ASHA_CANDIDATES = 81;
    static final SurrogateEvaluator SURROGATE = SurrogateEvaluator.of(SearchFixtures.REFERENCE);

    record Run(double bestTopReward, long steps) {
    }

    static Run run(SchedulerSettings scheduler, int candidates, long seed) {
        InMemoryResultStore store = InMemoryResultStore.of(SearchFixtures.header("random", seed));
        SearchOutcome o = SearchRunner.of(RandomSearch.of(SPACE, seed), InlineEvaluator.of(SURROGATE, "surrogate"),
                store, SearchFixtures.settings(seed, candidates), ProgressListener.none(), Scheduler.of(scheduler),
                CheckpointRelease.none()).run();
        int top = scheduler.ladder().top();
        double best = o.observations().stream().filter(x -> x.rewarded() && x.rung() == top)
                .mapToDouble(Observation::rewardOrWorst).max().orElseThrow();
        long steps = store.candidates().stream().map(Candidate::fidelity).mapToLong(f -> f.incrementalSteps()).sum();
        return new Run(best, steps);
    }

    @Test
    void ashaMatchesFifoAtMaxStepsWithAThirdOfTheTrainingSteps() {
        double[] fifo = new double[SEEDS];
        double[] asha = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
            Run f = run(SchedulerSettings.fifo(MAX_STEPS), FIFO_CANDIDATES, 1000 + s);
            Run a = run(SchedulerSettings.asha(30, MAX_STEPS, 3), ASHA_CANDIDATES, 1000 + s);
            assertTrue(a.steps() * 3 <= f.steps(), "seed " + s + ": ASHA trained " + a.steps() + " steps, FIFO "
                    + f.steps());
            fifo[s] = f.bestTopReward();
            asha[s] = a.bestTopReward();
        }
        double p = new MannWhitneyUTest().mannWhitneyUTest(asha, fifo);
        double medianAsha = new Median().evaluate(asha);
        double medianFifo = new Median().evaluate(fifo);
        String figures = String.format("median best top-rung reward ASHA %.4f, FIFO %.4f, Mann-Whitney p = %.4f%n"
                + "ASHA %s%nFIFO %s", medianAsha, medianFifo, p, Arrays.toString(asha), Arrays.toString(fifo));
        System.out.println(figures);
        // "reaches FIFO's best": FIFO must not be significantly better (one-sided, 5%) ...
        boolean fifoSignificantlyBetter = medianFifo > medianAsha && p / 2 < 0.05;
        assertTrue(!fifoSignificantlyBetter, figures);
        // ... and ASHA's typical run must be at least as good
        assertTrue(medianAsha >= medianFifo, figures);
    }
}
