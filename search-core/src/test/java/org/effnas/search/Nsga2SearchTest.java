package org.effnas.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.eval.InlineEvaluator;
import org.effnas.reward.CostMetric;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

class Nsga2SearchTest {

    @Test
    void returnsANonDominatedFrontThatSpreadsOverCosts() {
        SurrogateEvaluator surrogate = SurrogateEvaluator.of(SearchFixtures.REFERENCE);
        SearchOutcome o = SearchFixtures.runInMemory(
                Nsga2Search.of(SearchFixtures.SPACE, EvolutionSettings.defaults(), CostMetric.MACS, 3),
                InlineEvaluator.of(surrogate, "surrogate"), 3, 120);
        List<Observation> front = AccuracyCostFront.of(o.observations(), CostMetric.MACS);
        assertTrue(front.size() >= 5, "front of " + front.size());
        for (Observation f : front) {
            for (Observation any : o.observations()) {
                boolean dominates = any.accuracy() >= f.accuracy() && any.macs() <= f.macs()
                        && (any.accuracy() > f.accuracy() || any.macs() < f.macs());
                assertFalse(dominates, any.candidate().id() + " dominates front member " + f.candidate().id());
            }
        }
        for (int i = 1; i < front.size(); i++) {
            assertTrue(front.get(i).macs() >= front.get(i - 1).macs() && front.get(i).accuracy() > front.get(i - 1).accuracy(),
                    "listed by ascending cost, accuracy rising along the front");
        }
    }

    @Test
    void multiObjectiveSearchBeatsRandomOnTheFrontsHypervolume() {
        SurrogateEvaluator surrogate = SurrogateEvaluator.of(SearchFixtures.REFERENCE);
        double nsga = 0;
        double random = 0;
        for (long seed = 1; seed <= 5; seed++) {
            nsga += hypervolume(SearchFixtures.runInMemory(Nsga2Search.of(SearchFixtures.SPACE, EvolutionSettings.defaults(),
                    CostMetric.MACS, seed), InlineEvaluator.of(surrogate, "surrogate"), seed, 120));
            random += hypervolume(SearchFixtures.runInMemory(RandomSearch.of(SearchFixtures.SPACE, seed),
                    InlineEvaluator.of(surrogate, "surrogate"), seed, 120));
        }
        assertTrue(nsga > random, "nsga2 hypervolume " + nsga + " vs random " + random);
    }

    /** Area dominated by the front in (accuracy, log MACs), bounded by chance accuracy and 10x the reference MACs. */
    static double hypervolume(SearchOutcome o) {
        List<Observation> front = AccuracyCostFront.of(o.observations(), CostMetric.MACS);
        double maxCost = Math.log(10.0 * org.effnas.cost.CostModel.of(SearchFixtures.REFERENCE).macs());
        double area = 0;
        for (int i = 0; i < front.size(); i++) {
            double right = i + 1 < front.size() ? Math.log(front.get(i + 1).macs()) : maxCost;
            area += (Math.min(right, maxCost) - Math.log(front.get(i).macs())) * (front.get(i).accuracy() - 0.1);
        }
        return area;
    }
}
