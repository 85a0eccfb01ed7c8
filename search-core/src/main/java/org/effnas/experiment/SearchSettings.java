package org.effnas.experiment;

import java.util.List;
import java.util.OptionalDouble;
import org.effnas.InvalidInputException;
import org.effnas.reward.CostMetric;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.SearchBudget;

/**
 * What a baseline architecture search looks for (what {@code effnas search} flags or a config fill).
 *
 * @param space    built-in search space name or a YAML/JSON space file
 * @param strategy {@code evolution}, {@code random} or {@code nsga2}
 * @param target   the reward's target T; empty = the space's reference architecture's cost
 * @param w        the soft-constraint exponent (ignored with {@code hard})
 * @param hard     the hard constraint: w = 0 under T, -1 over
 * @param cost     what T and the cost term measure
 */
public record SearchSettings(String space, String strategy, OptionalDouble target, double w, boolean hard,
                             CostMetric cost, SearchBudget budget, EvolutionSettings evolution) {

    public static final List<String> STRATEGIES = List.of("evolution", "random", "nsga2");

    public SearchSettings {
        if (space == null || space.isBlank()) {
            throw new InvalidInputException("--space: give a built-in space (mnasnet, mnasnet-small) or a space file");
        }
        if (!STRATEGIES.contains(strategy)) {
            throw new InvalidInputException("--strategy: unknown strategy '" + strategy + "', expected one of "
                    + String.join(", ", STRATEGIES));
        }
        if (budget == null || evolution == null || cost == null || target == null) {
            throw new IllegalArgumentException("search settings: budget, evolution, cost and target are required");
        }
    }
}
