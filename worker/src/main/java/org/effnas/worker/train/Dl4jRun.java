package org.effnas.worker.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.eval.EvalResult;

/**
 * Everything one DL4J evaluation produced, for callers that want more than the {@link EvalResult}
 * (the CLI prints inference throughput and saves the network).
 *
 * @param network  the trained network; null when it could not be built
 * @param training null when training did not start
 * @param accuracy null when the run failed before evaluation
 * @param speed    null when inference speed was not measured
 */
public record Dl4jRun(EvalResult result, ComputationGraph network, TrainingOutcome training, Accuracy accuracy,
                      InferenceSpeed speed) {
}
