package org.effnas.progress;

/**
 * Time left, from the measured pace of the work that finished while this display watched: the mean
 * seconds per finished unit of work (an evaluation, or under rungs an optimizer step) times the work
 * left, less the time since the last result arrived. It counts down while the display waits for a result, instead of growing with the wall
 * time the way {@code elapsed / done} does; results replayed from a journal before the first
 * snapshot are not counted as measured.
 */
final class EtaClock {

    private boolean started;
    private long firstDone;
    private double firstSeconds;
    private long lastDone;
    private double lastFinishSeconds;

    /** @return seconds left, or NaN while nothing finished under watch or when there is no total */
    synchronized double observe(long done, long total, double elapsedSeconds) {
        if (!started) {
            started = true;
            firstDone = done;
            lastDone = done;
            firstSeconds = elapsedSeconds;
            lastFinishSeconds = elapsedSeconds;
        } else if (done > lastDone) {
            lastDone = done;
            lastFinishSeconds = elapsedSeconds;
        }
        long measured = lastDone - firstDone;
        if (total < 0 || measured <= 0) {
            return Double.NaN;
        }
        double secondsEach = (lastFinishSeconds - firstSeconds) / measured;
        double left = Math.max(0, total - done) * secondsEach - (elapsedSeconds - lastFinishSeconds);
        return Math.max(0, left);
    }
}
