package org.effnas.reward;

import org.effnas.InvalidSettingException;
import java.util.OptionalDouble;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalResult;

/**
 * The multi-objective reward of MnasNet and EfficientNet: {@code ACC(m) x [COST(m)/T]^w} with
 * {@code w = below} when {@code COST(m) <= T} and {@code w = above} otherwise. The soft form
 * (EfficientNet) uses {@code w = -0.07} on both sides; the hard form uses 0 below the target and -1
 * above it, which makes any model over budget lose accuracy proportionally.
 *
 * @param target the cost target T (multiply-adds, or milliseconds for latency); must be > 0
 * @param below  exponent w when the cost is at or under the target
 * @param above  exponent w when the cost is over the target
 * @param metric what the cost is
 */
public record Reward(double target, double below, double above, CostMetric metric) {

    /** The EfficientNet paper's exponent. */
    public static final double DEFAULT_W = -0.07;

    public Reward {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new InvalidSettingException("reward target", "must be a positive number, got " + target);
        }
        if (!Double.isFinite(below) || !Double.isFinite(above)) {
            throw new InvalidSettingException("reward exponent", "must be a finite number, got " + below + " / " + above);
        }
        if (metric == null) {
            throw new InvalidInputException("reward.cost: is missing, expected macs or latency");
        }
    }

    public static Reward of(double target, double below, double above, CostMetric metric) {
        return new Reward(target, below, above, metric);
    }

    /** The reward of an accuracy at a cost. */
    public double score(double accuracy, double cost) {
        double w = cost <= target ? below : above;
        return accuracy * Math.pow(cost / target, w);
    }

    /**
     * The reward of a result; empty for a failed result or one that lacks the accuracy or the cost
     * this reward needs (such results are counted as failures, never ranked).
     */
    public OptionalDouble score(EvalResult r) {
        if (!r.ok() || !Double.isFinite(r.top1())) {
            return OptionalDouble.empty();
        }
        double cost = metric.of(r);
        if (!Double.isFinite(cost)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(score(r.top1(), cost));
    }

    @Override
    public String toString() {
        String t = org.effnas.notation.BlockStrings.number(target);
        String w = org.effnas.notation.BlockStrings.number(below);
        return "ACC x [" + metric.text() + "/" + t + "]^w, w=" + w
                + (below == above ? "" : " at or under T, " + org.effnas.notation.BlockStrings.number(above) + " above");
    }
}
