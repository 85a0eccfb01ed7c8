package org.effnas.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.effnas.eval.InlineEvaluator;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

/**
 * Evidence of search quality: over 20 seeds in the mnasnet-small space with the surrogate, evolution
 * ends with a better best reward than random search at the same budget, significantly (two-sided
 * Mann-Whitney U, p < 0.05). Fails if it does not.
 */
class EvolutionBeatsRandomTest {

    static final int SEEDS = 20;
    static final int BUDGET = 150;

    @Test
    void evolutionFindsBetterRewardsThanRandomSearch() {
        SurrogateEvaluator surrogate = SurrogateEvaluator.of(SearchFixtures.REFERENCE);
        double[] evolution = new double[SEEDS];
        double[] random = new double[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            long seed = 1000 + i;
            evolution[i] = best(EvolutionSearch.of(SearchFixtures.SPACE, EvolutionSettings.defaults(), seed), surrogate, seed);
            random[i] = best(RandomSearch.of(SearchFixtures.SPACE, seed), surrogate, seed);
        }
        double p = new MannWhitneyUTest().mannWhitneyUTest(evolution, random);
        double meanEvolution = Arrays.stream(evolution).average().orElseThrow();
        double meanRandom = Arrays.stream(random).average().orElseThrow();
        System.out.printf("evolution vs random, %d seeds x %d evaluations: mean best reward %.4f vs %.4f, "
                + "Mann-Whitney U p = %.2e%n", SEEDS, BUDGET, meanEvolution, meanRandom, p);
        assertTrue(meanEvolution > meanRandom, "evolution " + meanEvolution + " vs random " + meanRandom);
        assertTrue(p < 0.05, "not significant: p = " + p);
    }

    private static double best(SearchStrategy strategy, SurrogateEvaluator surrogate, long seed) {
        SearchOutcome o = SearchFixtures.runInMemory(strategy, InlineEvaluator.of(surrogate, "surrogate"), seed, BUDGET);
        return o.best().orElseThrow().reward().getAsDouble();
    }
}
