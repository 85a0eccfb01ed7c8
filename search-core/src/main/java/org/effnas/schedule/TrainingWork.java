package org.effnas.schedule;

/**
 * What a phase of a plan trains, counted before it runs: optimizer steps over all its trainings and
 * the minival passes that score them (one per training, and under rungs one more per promotion).
 *
 * @param steps       optimizer steps in all
 * @param evaluations minival passes in all
 */
public record TrainingWork(long steps, long evaluations) {

    /** A phase that trains nothing. */
    public static final TrainingWork NONE = new TrainingWork(0, 0);

    public TrainingWork {
        if (steps < 0 || evaluations < 0) {
            throw new IllegalArgumentException("training work: steps and evaluations must be >= 0");
        }
    }

    /** {@code trainings} trainings of {@code stepsEach} steps, each scored once. */
    public static TrainingWork of(long trainings, long stepsEach) {
        return new TrainingWork(trainings * stepsEach, trainings);
    }

    /** This and {@code other} together. */
    public TrainingWork plus(TrainingWork other) {
        return new TrainingWork(steps + other.steps, evaluations + other.evaluations);
    }
}
