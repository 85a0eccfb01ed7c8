package org.effnas.worker.train;

import org.nd4j.linalg.dataset.DataSet;

/**
 * One optimizer step of whichever engine trains the network ({@code training.engine}), for {@link Trainer}'s
 * loop: the batch arrives with its targets already label-smoothed.
 */
public interface TrainingStep {

    /**
     * Trains on {@code batch} as step {@code step} (0-based) of the plan.
     *
     * @return the batch's loss
     */
    double fit(DataSet batch, long step);

    /**
     * Whether this engine trains on {@code batch}; a refused batch is skipped and counts as no step (an
     * engine built for a fixed batch size skips an epoch's short last batch, as TensorFlow's
     * {@code drop_remainder} does).
     */
    default boolean accepts(DataSet batch) {
        return true;
    }
}
