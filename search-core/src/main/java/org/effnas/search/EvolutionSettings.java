package org.effnas.search;

import org.effnas.InvalidSettingException;

/**
 * Parameters of the steady-state evolutionary strategies.
 *
 * @param population     individuals kept; the first {@code population} proposals are random
 * @param tournament     tournament size for parent selection (evolution)
 * @param elites         best individuals never removed by ageing (evolution)
 * @param crossover      probability that a child is recombined from two parents
 * @param mutation       probability that each decision of the child is redrawn
 */
public record EvolutionSettings(int population, int tournament, int elites, double crossover, double mutation) {

    public EvolutionSettings {
        if (population < 2) {
            throw new InvalidSettingException("population", "must be >= 2, got " + population);
        }
        if (tournament < 1 || tournament > population) {
            throw new InvalidSettingException("tournament", "must be in [1, population=" + population
                    + "], got " + tournament);
        }
        if (elites < 0 || elites >= population) {
            throw new InvalidSettingException("elites", "must be in [0, population), got " + elites);
        }
        if (!(crossover >= 0 && crossover <= 1)) {
            throw new InvalidSettingException("crossover", "must be in [0, 1], got " + crossover);
        }
        if (!(mutation > 0 && mutation <= 1)) {
            throw new InvalidSettingException("mutation", "must be in (0, 1], got " + mutation);
        }
    }

    public static EvolutionSettings of(int population, int tournament, int elites, double crossover, double mutation) {
        return new EvolutionSettings(population, tournament, elites, crossover, mutation);
    }

    /** Population 8, tournament 4, 2 elites, crossover 0.5, mutation 0.1 per decision. */
    public static EvolutionSettings defaults() {
        return new EvolutionSettings(8, 4, 2, 0.5, 0.1);
    }
}
