package org.effnas.worker.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A training run stopped after {@code steps} steps, everything needed to continue it exactly: the
 * network (weights, batch-norm running statistics, updater state, iteration count: the schedule
 * position) and the state of ND4J's random generator (dropout and drop-connect masks). The data order
 * is not stored: it is a function of the seed and the step count ({@link Trainer}).
 *
 * @param id        the checkpoint id ({@code c000042@r1})
 * @param specKey   the canonical spec it belongs to (checked on resume)
 * @param seed      the candidate's seed
 * @param steps     optimizer steps done
 * @param rootState ND4J random generator state, root part
 * @param nodeState ND4J random generator state, node part
 */
public record TrainingCheckpoint(String id, String specKey, long seed, long steps, long rootState, long nodeState,
                                 ComputationGraph network) {
}
