package org.effnas.experiment;

import java.util.function.IntSupplier;
import org.effnas.eval.Evaluator;
import org.effnas.schedule.CheckpointRelease;

/**
 * The evaluator an experiment runs on, started by an {@link EvaluatorProvider}, with what identifies
 * its numbers. Closing it stops its workers.
 *
 * @param evaluator   the asynchronous evaluator every phase submits to
 * @param datasetId   the data (name and checksum; the surrogate's calibration for the surrogate) it
 *                    measures on: part of cache keys and of every journal's identity
 * @param workers     how many workers there are now, for the progress line
 * @param description one line for the console, e.g. {@code dl4j on 2 local worker thread(s)}
 * @param checkpoints where rung checkpoints the scheduler no longer needs are deleted (the store the
 *                    evaluator writes them to; {@link CheckpointRelease#none()} when it writes none)
 */
public record ExperimentEvaluator(Evaluator evaluator, String datasetId, IntSupplier workers, String description,
                                  CheckpointRelease checkpoints) implements AutoCloseable {

    public ExperimentEvaluator {
        if (evaluator == null || datasetId == null || workers == null || description == null || checkpoints == null) {
            throw new IllegalArgumentException("experiment evaluator: every component is required");
        }
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
