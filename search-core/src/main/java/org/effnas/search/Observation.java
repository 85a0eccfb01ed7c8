package org.effnas.search;

import java.util.OptionalDouble;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;

/**
 * A candidate with its result and reward: what strategies learn from and reports list.
 *
 * @param reward empty for a failed result (failures are never ranked)
 */
public record Observation(Candidate candidate, EvalResult result, OptionalDouble reward) {

    public static Observation of(Candidate candidate, EvalResult result, OptionalDouble reward) {
        return new Observation(candidate, result, reward);
    }

    /** True when the evaluation succeeded and earned a reward. */
    public boolean rewarded() {
        return reward.isPresent();
    }

    public double accuracy() {
        return result.top1();
    }

    public long macs() {
        return result.macs();
    }

    /** The rung of a multi-fidelity schedule this result was measured at; 0 without one. */
    public int rung() {
        return candidate.fidelity() == null ? 0 : candidate.fidelity().rung();
    }

    /** The reward, or negative infinity for a failure (sorts failures last). */
    public double rewardOrWorst() {
        return reward.orElse(Double.NEGATIVE_INFINITY);
    }
}
