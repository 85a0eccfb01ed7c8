package org.effnas.schedule;

import org.effnas.eval.Fidelity;

/**
 * A candidate that earned the next rung: it continues from its checkpoint at {@code fromRung}.
 *
 * @param baseId    the candidate, e.g. {@code c000042}
 * @param bracket   its bracket
 * @param fromRung  the rung it was ranked in
 * @param fromSteps steps its checkpoint has done
 * @param toRung    the rung it now trains to
 * @param toSteps   steps at the end of that rung
 */
public record Promotion(String baseId, int bracket, int fromRung, long fromSteps, int toRung, long toSteps) {

    /** The rung evaluation this promotion asks for. */
    public Fidelity fidelity() {
        return Fidelity.promotion(baseId, bracket, fromRung, fromSteps, toRung, toSteps);
    }
}
