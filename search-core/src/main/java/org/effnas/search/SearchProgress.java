package org.effnas.search;

import java.util.Optional;

/**
 * A snapshot of a running search for progress displays.
 *
 * @param done        results recorded (including those replayed from the journal)
 * @param total       the evaluation budget, or -1 when only time-limited
 * @param inFlight    candidates being evaluated now
 * @param failures    failed evaluations so far
 * @param cached      results served from the cache in this session
 * @param best        the best rewarded observation so far
 * @param elapsedSeconds this session's wall time
 * @param etaSeconds  estimated time to finish the budget ({@link EtaClock}), NaN when unknown
 * @param stepsDone   under rungs, the optimizer steps recorded results trained (each rung its own steps);
 *                    0 otherwise
 * @param stepsTotal  under rungs with a budget of evaluations, the steps its ladder trains in all
 *                    ({@link org.effnas.schedule.Scheduler#work}); -1 otherwise. Promotions run
 *                    after the last new candidate is done, so time left follows the steps, not {@code done}.
 * @param evaluationsDone  under rungs, the results recorded, promotions included; 0 otherwise
 * @param evaluationsTotal under rungs with a budget of evaluations, the results its ladder makes in all; -1
 *                         otherwise
 * @param overheadSteps    what one evaluation costs beyond its steps (network, minival pass, checkpoint), in
 *                         optimizer-step equivalents measured from this session's results; 0 until measured
 */
public record SearchProgress(int done, int total, int inFlight, int failures, int cached, Optional<Observation> best,
                             double elapsedSeconds, double etaSeconds, long stepsDone, long stepsTotal,
                             long evaluationsDone, long evaluationsTotal, double overheadSteps) {

    /** This snapshot with {@code seconds} as its time left. */
    public SearchProgress withEtaSeconds(double seconds) {
        return new SearchProgress(done, total, inFlight, failures, cached, best, elapsedSeconds, seconds, stepsDone,
                stepsTotal, evaluationsDone, evaluationsTotal, overheadSteps);
    }

    /** Whether time left is measured in optimizer steps (under rungs) rather than evaluations. */
    public boolean countsSteps() {
        return stepsTotal > 0;
    }
}
