package org.effnas.worker.train;

/**
 * Where a trainer reports progress, a few times per second at most.
 *
 * @param epoch           0-based pass over the training split
 * @param step            optimizer steps done
 * @param totalSteps      steps planned
 * @param loss            training loss of the last mini-batch
 * @param imagesPerSecond training throughput so far
 * @param etaSeconds      estimated time to finish the training steps
 */
public record TrainingProgress(int epoch, long step, long totalSteps, double loss, double imagesPerSecond,
                               double etaSeconds) {

    /** Receives progress updates. */
    @FunctionalInterface
    public interface Listener {
        void update(TrainingProgress progress);

        /** Ignores every update. */
        static Listener none() {
            return p -> { };
        }
    }

    /** One human-readable line, e.g. {@code epoch 1  step 120/844  loss 0.5123  98.4 img/s  ETA 2m05s}. */
    public String line() {
        long eta = Math.round(etaSeconds);
        return String.format(java.util.Locale.ROOT, "epoch %d  step %d/%d  loss %.4f  %.1f img/s  ETA %dm%02ds",
                epoch + 1, step, totalSteps, loss, imagesPerSecond, eta / 60, eta % 60);
    }
}
