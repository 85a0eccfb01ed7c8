package org.effnas.search;

/**
 * What one evaluation costs beyond its optimizer steps (building or restoring the network, the minival
 * pass, a latency probe, the checkpoint), measured from the results of this session and expressed in
 * optimizer-step equivalents, so that time left can be counted as steps + overhead x evaluations.
 * Under rungs a short rung is largely overhead: counting only its steps made the first results look
 * slower per step than the long trainings that follow, and the time left too long.
 *
 * <p>A result counts when its evaluator measured its training throughput: its training time is then
 * {@code steps x batch / images per second} and the rest of its wall time is overhead. Results from a
 * worker are untrusted: one whose figures are not finite and positive is left out, and the overhead
 * of one is never taken below zero.
 */
final class EvaluationOverhead {

    private final int batchSize;
    private long measured;
    private long steps;
    private double trainSeconds;
    private double overheadSeconds;

    EvaluationOverhead(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Takes in one evaluation of {@code stepsTrained} steps that took {@code wallSeconds} in all. */
    void record(long stepsTrained, double wallSeconds, double trainImagesPerSecond) {
        if (stepsTrained <= 0 || !(wallSeconds > 0) || !(trainImagesPerSecond > 0)
                || !Double.isFinite(wallSeconds) || !Double.isFinite(trainImagesPerSecond)) {
            return;
        }
        double training = Math.min(wallSeconds, stepsTrained * (double) batchSize / trainImagesPerSecond);
        measured++;
        steps += stepsTrained;
        trainSeconds += training;
        overheadSeconds += wallSeconds - training;
    }

    /** The mean overhead of an evaluation in steps at the mean measured seconds per step; 0 before any. */
    double steps() {
        if (measured == 0 || trainSeconds <= 0) {
            return 0;
        }
        double secondsPerStep = trainSeconds / steps;
        return overheadSeconds / measured / secondsPerStep;
    }
}
