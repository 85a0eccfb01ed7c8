package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import org.effnas.cost.CostModel;
import org.effnas.reward.CostMetric;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SurrogateEvaluator;

/**
 * The one rule for the reward's default target T: the cost of the search space's reference
 * architecture at the data's input. In MACs that is exact for any space and resolution. A measured
 * latency has no such default: it depends on the machine that trains, so a trained evaluator needs T
 * given; only the surrogate, whose latencies are its own formula, defaults to its reference latency.
 */
public final class RewardTargets {

    private RewardTargets() {
    }

    /**
     * @throws InvalidSettingException for a latency target with a trained evaluator
     */
    public static double defaultTarget(CostMetric metric, ArchSpec reference, EvaluatorKind evaluator) {
        if (metric == CostMetric.MACS) {
            return CostModel.of(reference).macs();
        }
        if (evaluator == EvaluatorKind.SURROGATE) {
            return SurrogateEvaluator.latencyOf(reference);
        }
        throw new InvalidSettingException("latency target", "required with cost latency and a trained evaluator "
                + "(a measured latency depends on the machine; effnas bench or a short search shows typical values)");
    }
}
