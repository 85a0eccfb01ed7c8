package org.effnas.schedule;

import org.effnas.eval.Fidelity;

/**
 * One recorded rung evaluation as a scheduler ranks it.
 *
 * @param score the reward (higher is better); NaN for a failed evaluation, which is never promoted
 */
public record RungResult(String baseId, int bracket, int rung, long steps, double score) {

    public static RungResult of(Fidelity f, double score) {
        return new RungResult(f.baseId(), f.bracket(), f.rung(), f.steps(), score);
    }

    public boolean scored() {
        return !Double.isNaN(score);
    }

    /** The checkpoint this evaluation wrote. */
    public String checkpoint() {
        return Fidelity.idOf(baseId, rung);
    }
}
