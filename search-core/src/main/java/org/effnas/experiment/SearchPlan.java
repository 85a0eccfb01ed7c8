package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import org.effnas.reward.Reward;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.SearchBudget;
import org.effnas.space.SearchSpace;

/**
 * The search phase of a plan: the baseline architecture search (MnasNet step) and, optionally,
 * random search on the same budget for comparison.
 *
 * @param space          the space, with its input (resolution, channels, classes) set to the data's
 * @param reward         the reward with its target T resolved
 * @param evolution      every Jenetics parameter of evolution and NSGA-II (unused by random search)
 * @param randomBaseline also run random search on the same budget, into its own journal
 */
public record SearchPlan(SearchSpace space, Reward reward, StrategyKind strategy, EvolutionSettings evolution,
                         SearchBudget budget, boolean randomBaseline) {

    public SearchPlan {
        if (space == null || reward == null || strategy == null || evolution == null || budget == null) {
            throw new IllegalArgumentException("search plan: space, reward, strategy, evolution and budget are required");
        }
        if (randomBaseline && strategy == StrategyKind.RANDOM) {
            throw new InvalidSettingException("random baseline", "the strategy is already random; drop the "
                    + "baseline or pick evolution or nsga2");
        }
    }
}
