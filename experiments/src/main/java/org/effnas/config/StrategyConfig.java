package org.effnas.config;

import java.util.List;

/**
 * How the baseline search proposes candidates.
 *
 * @param name           {@code evolution} (regularized evolution), {@code random} or {@code nsga2}
 * @param population     population size of evolution and NSGA-II
 * @param randomBaseline also run random search on the same budget, for the report's comparison
 * @param ordered        process results in submission order: the candidates are then a function of
 *                       the seed alone, with any number of workers (at the price of idle workers
 *                       behind a slow candidate); false uses results as they arrive
 */
public record StrategyConfig(String name, int population, boolean randomBaseline, boolean ordered,
                             BudgetConfig budget) {

    public static final List<String> NAMES = List.of("evolution", "random", "nsga2");

    static StrategyConfig read(ConfigSection s) {
        String name = s.choice("name", "evolution", NAMES);
        int population = s.integer("population", 8, 2, 10_000);
        boolean baseline = s.flag("random_baseline", false);
        if (baseline && name.equals("random")) {
            s.problem("random_baseline", "the strategy is already random; set it to false or pick evolution/nsga2");
        }
        boolean ordered = s.flag("ordered", true);
        return new StrategyConfig(name, population, baseline, ordered, BudgetConfig.read(s.section("budget")));
    }
}
