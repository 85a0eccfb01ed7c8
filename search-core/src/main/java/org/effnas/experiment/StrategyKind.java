package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import org.effnas.SettingChoice;
import org.effnas.reward.CostMetric;
import org.effnas.search.EvolutionSearch;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.Nsga2Search;
import org.effnas.search.RandomSearch;
import org.effnas.search.SearchStrategy;
import org.effnas.space.SearchSpace;

/** How the baseline search proposes candidates. */
public enum StrategyKind implements SettingChoice {
    /** Steady-state regularized evolution with Jenetics operators. */
    EVOLUTION,
    /** Uniform random sampling of the space. */
    RANDOM,
    /** NSGA-II on (accuracy, cost): a Pareto front instead of one reward. */
    NSGA2;

    @Override
    public String toString() {
        return text();
    }

    /**
     * Parses a name; the caller names the setting (a flag or a config key) in its own message.
     *
     * @throws InvalidSettingException for an unknown name
     */
    public static StrategyKind parse(String name) {
        return SettingChoice.parse(StrategyKind.class, "strategy", "strategy", name);
    }

    /** The strategy over a space, seeded by the experiment seed. */
    public SearchStrategy create(SearchSpace space, EvolutionSettings evolution, CostMetric metric, long seed) {
        return switch (this) {
            case RANDOM -> RandomSearch.of(space, seed);
            case NSGA2 -> Nsga2Search.of(space, evolution, metric, seed);
            case EVOLUTION -> EvolutionSearch.of(space, evolution, seed);
        };
    }
}
