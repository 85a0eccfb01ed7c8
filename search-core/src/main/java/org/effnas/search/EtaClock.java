package org.effnas.search;

/**
 * Time left, from the measured pace of the work that finished in this session: the mean
 * seconds per finished unit of work times the work left, less the time since the last result arrived.
 * The unit is an evaluation; under rungs it is an optimizer step, and each evaluation adds its fixed
 * cost (network, minival pass, checkpoint) as {@link SearchProgress#overheadSteps()} steps, re-read from
 * every snapshot as the runner measures it. It counts down while a result is awaited, instead of
 * growing with the wall time the way {@code elapsed / done} does; the results replayed from a journal,
 * which the first snapshot holds, are not counted as measured.
 */
final class EtaClock {

    private boolean started;
    private long firstUnits;
    private long firstEvaluations;
    private double firstSeconds;
    private long lastUnits;
    private long lastEvaluations;
    private double lastFinishSeconds;

    /** @return seconds left, or NaN while nothing finished in this session or when there is no total */
    synchronized double observe(SearchProgress p) {
        // the unit of work: an optimizer step under rungs, else an evaluation (which then carries no overhead)
        boolean steps = p.countsSteps();
        long doneUnits = steps ? p.stepsDone() : p.done();
        long doneEvaluations = steps ? p.evaluationsDone() : 0;
        if (!started) {
            started = true;
            firstUnits = lastUnits = doneUnits;
            firstEvaluations = lastEvaluations = doneEvaluations;
            firstSeconds = lastFinishSeconds = p.elapsedSeconds();
        } else if (doneUnits > lastUnits || doneEvaluations > lastEvaluations) {
            lastUnits = doneUnits;
            lastEvaluations = doneEvaluations;
            lastFinishSeconds = p.elapsedSeconds();
        }
        long totalUnits = steps ? p.stepsTotal() : p.total();
        long totalEvaluations = steps ? Math.max(0, p.evaluationsTotal()) : 0;
        double overhead = steps ? p.overheadSteps() : 0;
        double measured = (lastUnits - firstUnits) + overhead * (lastEvaluations - firstEvaluations);
        if (totalUnits < 0 || measured <= 0) {
            return Double.NaN;
        }
        double secondsEach = (lastFinishSeconds - firstSeconds) / measured;
        double workLeft = Math.max(0, totalUnits - doneUnits) + overhead * Math.max(0, totalEvaluations - doneEvaluations);
        return Math.max(0, workLeft * secondsEach - (p.elapsedSeconds() - lastFinishSeconds));
    }
}
