package org.effnas.search;

import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.ParetoFront;
import java.util.Comparator;
import java.util.List;
import org.effnas.reward.CostMetric;

/**
 * The Pareto front of accuracy (higher is better) against cost (lower is better) over evaluated
 * candidates, with Jenetics' {@link ParetoFront}. Listed by ascending cost.
 */
public final class AccuracyCostFront {

    private AccuracyCostFront() {
    }

    public static List<Observation> of(List<Observation> observations, CostMetric cost) {
        ParetoFront<Observation> front = new ParetoFront<>(
                (a, b) -> Pareto.dominance(objectives(a, cost), objectives(b, cost)));
        observations.stream()
                .filter(o -> o.result().ok() && Double.isFinite(o.accuracy()) && Double.isFinite(cost.of(o.result())))
                .forEach(front::add);
        return front.stream()
                .sorted(Comparator.comparingDouble((Observation o) -> cost.of(o.result()))
                        .thenComparing(o -> o.candidate().id()))
                .toList();
    }

    private static double[] objectives(Observation o, CostMetric cost) {
        return new double[] {o.accuracy(), -cost.of(o.result())};
    }
}
