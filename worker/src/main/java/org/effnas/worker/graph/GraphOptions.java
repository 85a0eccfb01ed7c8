package org.effnas.worker.graph;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How a translated network is set up for training: weight-init seed, optimizer and L2 weight
 * decay (on convolution and dense weights; not on biases or batch-norm parameters, as in the
 * official EfficientNet code).
 */
public record GraphOptions(long seed, IUpdater updater, double weightDecay) {

    public GraphOptions {
        if (updater == null) {
            throw new IllegalArgumentException("updater is required");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    public static GraphOptions of(long seed, IUpdater updater, double weightDecay) {
        return new GraphOptions(seed, updater, weightDecay);
    }

    /** Adam at 1e-3, no weight decay: for inspecting or benchmarking a network. */
    public static GraphOptions defaults(long seed) {
        return new GraphOptions(seed, new Adam(1e-3), 0);
    }
}
