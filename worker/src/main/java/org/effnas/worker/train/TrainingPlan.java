package org.effnas.worker.train;

import org.effnas.eval.TrainingSettings;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The concrete schedule of one training run: how many optimizer steps, the learning rate per step
 * and the optimizer, derived from {@link TrainingSettings} and the size of the training split.
 *
 * @param totalSteps    optimizer steps to run ({@code steps}, else {@code ceil(epochs * stepsPerEpoch)})
 * @param stepsPerEpoch mini-batches in one pass over the training split
 */
public record TrainingPlan(TrainingSettings settings, long totalSteps, long stepsPerEpoch,
                           LearningRateSchedule schedule) {

    public TrainingPlan {
        if (totalSteps < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("a training plan needs at least one step, got " + totalSteps
                    + " steps, " + stepsPerEpoch + " per epoch");
        }
    }

    /** The plan for {@code trainImages} training images. */
    public static TrainingPlan of(TrainingSettings settings, int trainImages) {
        long perEpoch = Math.max(1, (trainImages + settings.batchSize() - 1) / settings.batchSize());
        long total = settings.steps() > 0 ? settings.steps() : Math.max(1, (long) Math.ceil(settings.epochs() * perEpoch));
        long warmup = Math.min(total - 1, Math.round(settings.warmupEpochs() * perEpoch));
        LearningRateSchedule schedule = new LearningRateSchedule(settings.schedule(), settings.learningRate(),
                Math.max(0, warmup), total, perEpoch);
        return new TrainingPlan(settings, total, perEpoch, schedule);
    }

    /** The optimizer the settings name, driven by this plan's schedule. */
    public IUpdater updater() {
        return switch (settings.optimizer()) {
            case "rmsprop" -> new RmsPropMomentum(schedule);
            case "adam" -> new Adam(schedule);
            default -> throw new IllegalArgumentException("unknown optimizer " + settings.optimizer());
        };
    }

    /** Passes over the training split this plan makes (fractional for a step budget). */
    public double epochs() {
        return (double) totalSteps / stepsPerEpoch;
    }
}
