package org.effnas.config;

import org.effnas.experiment.StrategyKind;
import org.effnas.search.EvolutionSettings;

/**
 * How the baseline search proposes candidates.
 *
 * @param name           {@code evolution} (regularized evolution), {@code random} or {@code nsga2}
 * @param population     population size of evolution and NSGA-II
 * @param tournament     tournament size for parent selection
 * @param elites         best individuals never removed by ageing
 * @param crossover      probability that a child is recombined from two parents
 * @param mutation       probability that each decision of a child is redrawn
 * @param randomBaseline also run random search on the same budget, for the report's comparison
 * @param ordered        process results in submission order: the candidates are then a function of
 *                       the seed alone, with any number of workers (at the price of idle workers
 *                       behind a slow candidate); false uses results as they arrive
 */
public record StrategyConfig(StrategyKind name, int population, int tournament, int elites, double crossover,
                             double mutation, boolean randomBaseline, boolean ordered, BudgetConfig budget) {

    static StrategyConfig read(ConfigSection s) {
        EvolutionSettings d = EvolutionSettings.defaults();
        StrategyKind name = s.choice("name", StrategyKind.EVOLUTION, StrategyKind.class);
        int population = s.integer("population", d.population(), 2, 10_000);
        int tournament = s.integer("tournament", Math.min(d.tournament(), population), 1, 10_000);
        if (tournament > population) {
            s.problem("tournament", "must be <= strategy.population (" + population + "), got " + tournament);
        }
        int elites = s.integer("elites", Math.min(d.elites(), population - 1), 0, 10_000);
        if (elites >= population) {
            s.problem("elites", "must be < strategy.population (" + population + "), got " + elites);
        }
        double crossover = s.decimal("crossover", d.crossover(), 0, false, 1, false);
        double mutation = s.decimal("mutation", d.mutation(), 0, true, 1, false);
        boolean baseline = s.flag("random_baseline", false);
        if (baseline && name == StrategyKind.RANDOM) {
            s.problem("random_baseline", "the strategy is already random; set it to false or pick evolution/nsga2");
        }
        boolean ordered = s.flag("ordered", true);
        return new StrategyConfig(name, population, tournament, elites, crossover, mutation, baseline, ordered,
                BudgetConfig.read(s.section("budget")));
    }

    /** Every Jenetics parameter of evolution and NSGA-II. */
    public EvolutionSettings evolution() {
        return EvolutionSettings.of(population, tournament, elites, crossover, mutation);
    }
}
