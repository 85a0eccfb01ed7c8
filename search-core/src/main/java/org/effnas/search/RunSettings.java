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
 */
public record RunSettings(TrainingSettings training, long seed, Reward reward, SearchBudget budget, boolean ordered,
                          int maxDuplicateDraws) {

    public static final int DEFAULT_MAX_DUPLICATE_DRAWS = 1000;

    public RunSettings {
        if (training == null || reward == null || budget == null) {
            throw new IllegalArgumentException("run settings: training, reward and budget are required");
        }
        if (maxDuplicateDraws < 1) {
            throw new InvalidInputException("max duplicate draws: must be >= 1, got " + maxDuplicateDraws);
        }
    }

    public static RunSettings of(TrainingSettings training, long seed, Reward reward, SearchBudget budget) {
        return new RunSettings(training, seed, reward, budget, false, DEFAULT_MAX_DUPLICATE_DRAWS);
    }

    public RunSettings withOrdered(boolean newOrdered) {
        return new RunSettings(training, seed, reward, budget, newOrdered, maxDuplicateDraws);
    }

    public RunSettings withMaxDuplicateDraws(int n) {
        return new RunSettings(training, seed, reward, budget, ordered, n);
    }
}
