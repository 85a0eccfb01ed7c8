package org.effnas.report;

/**
 * One rung evaluation of a multi-fidelity run, as {@code rungs.csv} holds it.
 *
 * @param phase       search, random, grid or family
 * @param candidate   the candidate (architecture and seed) the rung belongs to, e.g. {@code c000042}
 * @param rung        the rung index on the ladder {@code min_steps * eta^rung}
 * @param steps       optimizer steps done when the rung ended (cumulative over the candidate's one run)
 * @param fromSteps   steps of the checkpoint it continued from (0 = trained from scratch)
 * @param top1        minival top-1 at the rung (NaN when it failed)
 * @param wallSeconds wall time of this rung's evaluation alone
 * @param specKey     the architecture's canonical block string
 */
public record RungPoint(String phase, String candidate, int rung, long steps, long fromSteps, double top1,
                        double wallSeconds, String specKey) {
}
