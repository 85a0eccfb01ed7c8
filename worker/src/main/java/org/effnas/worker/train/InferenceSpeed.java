package org.effnas.worker.train;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference speed after warm-up: median latency of single images and throughput at batch 64.
 *
 * @param latencyMs       median milliseconds per forward pass at batch 1
 * @param imagesPerSecond images per second at batch {@value #BATCH}
 */
public record InferenceSpeed(double latencyMs, double imagesPerSecond) {

    public static final int BATCH = 64;
    private static final int WARMUP = 10;
    private static final int LATENCY_RUNS = 30;
    private static final int THROUGHPUT_RUNS = 5;

    /** Measures {@code net} on random inputs of shape [n, channels, resolution, resolution]. */
    public static InferenceSpeed measure(ComputationGraph net, int channels, int resolution) {
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, channels, resolution, resolution);
        for (int i = 0; i < WARMUP; i++) {
            net.outputSingle(false, one);
        }
        double[] ms = new double[LATENCY_RUNS];
        for (int i = 0; i < LATENCY_RUNS; i++) {
            long t = System.nanoTime();
            net.outputSingle(false, one);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = (ms[(LATENCY_RUNS - 1) / 2] + ms[LATENCY_RUNS / 2]) / 2;
        INDArray batch = Nd4j.rand(DataType.FLOAT, BATCH, channels, resolution, resolution);
        for (int i = 0; i < 2; i++) {
            net.outputSingle(false, batch);
        }
        long t = System.nanoTime();
        for (int i = 0; i < THROUGHPUT_RUNS; i++) {
            net.outputSingle(false, batch);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        return new InferenceSpeed(median, BATCH * THROUGHPUT_RUNS / seconds);
    }
}
