package org.effnas.data;

import org.effnas.InvalidInputException;
import org.effnas.eval.TrainingSettings;

/**
 * How the training split is divided: the minival fraction held out (stratified by class), an
 * optional cap on the training images, and the seed of both choices. Keep the seed fixed for a
 * whole experiment so every candidate is rewarded on the same minival images.
 *
 * @param minivalFraction fraction of the training split held out, in (0, 1)
 * @param subset          training images to keep after holding out minival, 0 = all
 * @param seed            seed of the minival and subset choice
 */
public record SplitOptions(double minivalFraction, int subset, long seed) {

    /** Default fraction held out for minival. */
    public static final double DEFAULT_MINIVAL_FRACTION = 0.1;

    public SplitOptions {
        if (!(minivalFraction > 0 && minivalFraction < 1)) {
            throw new InvalidInputException("dataset.minival (--minival-fraction): must be in (0, 1), got " + minivalFraction);
        }
        if (subset < 0) {
            throw new InvalidInputException("training.subset: must be >= 0 (0 = all), got " + subset);
        }
    }

    public static SplitOptions of(double minivalFraction, int subset, long seed) {
        return new SplitOptions(minivalFraction, subset, seed);
    }

    /** 10% minival, every remaining image, seed 0. */
    public static SplitOptions defaults() {
        return new SplitOptions(DEFAULT_MINIVAL_FRACTION, 0, 0L);
    }

    /** The minival fraction and subset of a training recipe, with an experiment-wide data seed. */
    public static SplitOptions from(TrainingSettings training, long seed) {
        return new SplitOptions(training.minivalFraction(), training.subset(), seed);
    }
}
