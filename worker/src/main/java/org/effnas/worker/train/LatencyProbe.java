package org.effnas.worker.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Measures the inference latency of a trained network with one engine: DL4J itself
 * ({@link InferenceSpeed#dl4j}) or, in the export package, ONNX Runtime on the network exported in
 * memory. The evaluator calls it after training, on the network it measured the accuracy of.
 */
@FunctionalInterface
public interface LatencyProbe {

    /** Times {@code net} on inputs of shape [n, channels, resolution, resolution]. */
    InferenceSpeed measure(ComputationGraph net, int channels, int resolution);
}
