package org.effnas.search;

import org.effnas.InvalidInputException;
import org.effnas.eval.TrainingSettings;
import org.effnas.reward.Reward;

/**
 * How a {@link SearchRunner} runs, besides its strategy, evaluator and store.
 *
 * @param training          the training recipe of every candidate
 * @param seed              the experiment seed; candidate seeds are {@code seed + replicate}
 * @param reward            how results are scored
 * @param budget            when to stop submitting
 * @param ordered           process results in submission order and refill only then: the candidate
 *                          sequence is then deterministic with any number of workers, at the price of
 *                          idle slots behind a slow candidate. Off = asynchronous (results as they
 *                          arrive, best utilisation; the sequence depends on timing unless capacity is 1)
 * @param maxDuplicateDraws consecutive duplicate proposals after which generating stops
 * @param prefetch          asynchronous mode only: candidates queued beyond the evaluator's capacity,
 *                          so that a worker that finishes finds its next candidate waiting instead of
 *                          waiting for the search thread (-1 = as many as the capacity; 0 = none)
 */
public record RunSettings(TrainingSettings training, long seed, Reward reward, SearchBudget budget, boolean ordered,
                          int maxDuplicateDraws, int prefetch) {

    public static final int DEFAULT_MAX_DUPLICATE_DRAWS = 1000;

    public RunSettings {
        if (training == null || reward == null || budget == null) {
            throw new IllegalArgumentException("run settings: training, reward and budget are required");
        }
        if (prefetch < -1) {
            throw new InvalidInputException("prefetch: must be >= 0 (or -1 for automatic), got " + prefetch);
        }
        if (maxDuplicateDraws < 1) {
            throw new InvalidInputException("max duplicate draws: must be >= 1, got " + maxDuplicateDraws);
        }
    }

    public static RunSettings of(TrainingSettings training, long seed, Reward reward, SearchBudget budget) {
        return new RunSettings(training, seed, reward, budget, false, DEFAULT_MAX_DUPLICATE_DRAWS, -1);
    }

    public RunSettings withTraining(TrainingSettings newTraining) {
        return new RunSettings(newTraining, seed, reward, budget, ordered, maxDuplicateDraws, prefetch);
    }

    public RunSettings withOrdered(boolean newOrdered) {
        return new RunSettings(training, seed, reward, budget, newOrdered, maxDuplicateDraws, prefetch);
    }

    /**
     * Candidates to keep submitted at once for an evaluator of this capacity: the capacity, plus the
     * prefetch in asynchronous mode. Ordered mode never prefetches: its candidate sequence must not
     * depend on how far ahead the runner proposes.
     */
    public int inFlightTarget(int capacity) {
        int c = Math.max(1, capacity);
        if (ordered) {
            return c;
        }
        return c + (prefetch >= 0 ? prefetch : c);
    }
}
