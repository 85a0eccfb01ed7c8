package org.effnas.worker.train;

/**
 * What a training run did.
 *
 * @param steps           optimizer steps completed
 * @param images          training images processed
 * @param seconds         wall time of the training loop
 * @param imagesPerSecond images / seconds
 * @param finalLoss       loss of the last mini-batch
 * @param failure         null, or why training stopped (e.g. a non-finite loss)
 */
public record TrainingOutcome(long steps, long images, double seconds, double imagesPerSecond, double finalLoss,
                              String failure) {

    public boolean ok() {
        return failure == null;
    }
}
