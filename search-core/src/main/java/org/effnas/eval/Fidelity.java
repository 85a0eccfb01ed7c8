package org.effnas.eval;

import org.effnas.InvalidInputException;

/**
 * Which rung of a multi-fidelity schedule an evaluation is: how far the candidate's single training
 * run goes this time, and which checkpoint it continues from and writes. The learning-rate schedule
 * always spans the candidate's {@link TrainingSettings#steps()} (the scheduler's {@code max_steps}),
 * so every rung is a prefix of one run and reaching rung k costs {@code steps - fromSteps} steps only.
 *
 * @param baseId     the candidate (architecture and seed) this rung belongs to, e.g. {@code c000042};
 *                   the evaluation's own id is {@code baseId@r<rung>}
 * @param bracket    the Hyperband bracket (0 for ASHA)
 * @param rung       the rung index on the global ladder {@code min_steps * eta^rung}
 * @param steps      optimizer steps done when this rung ends (cumulative over the run)
 * @param fromSteps  steps already done by the checkpoint this rung resumes from; 0 = starts from scratch
 * @param resumeFrom the checkpoint id to resume from; null exactly when {@code fromSteps} is 0
 * @param checkpoint the checkpoint id this rung writes when it ends
 */
public record Fidelity(String baseId, int bracket, int rung, long steps, long fromSteps, String resumeFrom,
                       String checkpoint) {

    public Fidelity {
        if (baseId == null || baseId.isBlank() || checkpoint == null || checkpoint.isBlank()) {
            throw new InvalidInputException("fidelity: base id and checkpoint id are required");
        }
        if (bracket < 0 || rung < 0) {
            throw new InvalidInputException("fidelity " + baseId + ": bracket and rung must be >= 0, got "
                    + bracket + ", " + rung);
        }
        if (steps < 1 || fromSteps < 0 || fromSteps >= steps) {
            throw new InvalidInputException("fidelity " + baseId + ": need 0 <= from_steps < steps, got "
                    + fromSteps + " and " + steps);
        }
        if ((fromSteps == 0) != (resumeFrom == null)) {
            throw new InvalidInputException("fidelity " + baseId + ": a rung resumes from a checkpoint exactly "
                    + "when from_steps > 0 (from_steps " + fromSteps + ", resume_from " + resumeFrom + ")");
        }
    }

    /** The evaluation id of a candidate's rung: {@code baseId@r<rung>}, also its checkpoint id. */
    public static String idOf(String baseId, int rung) {
        return baseId + "@r" + rung;
    }

    /** The first rung of a candidate: trains from scratch to {@code steps}. */
    public static Fidelity start(String baseId, int bracket, int rung, long steps) {
        return new Fidelity(baseId, bracket, rung, steps, 0, null, idOf(baseId, rung));
    }

    /** A promotion: continues from the checkpoint of {@code fromRung} (at {@code fromSteps}) to {@code steps}. */
    public static Fidelity promotion(String baseId, int bracket, int fromRung, long fromSteps, int rung, long steps) {
        return new Fidelity(baseId, bracket, rung, steps, fromSteps, idOf(baseId, fromRung), idOf(baseId, rung));
    }

    /** True for a candidate's first rung (no checkpoint to continue from). */
    public boolean startsFresh() {
        return fromSteps == 0;
    }

    /** The training steps this rung itself costs. */
    public long incrementalSteps() {
        return steps - fromSteps;
    }
}
