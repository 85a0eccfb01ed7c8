package org.effnas.worker.train;

import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.worker.profile.ProcessorName;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference speed of a trained network as one engine runs it: batch 1 (the latency a result reports)
 * and a larger batch (throughput), each the median of timed runs after warm-up with its spread.
 *
 * @param engine  {@code dl4j} or {@code onnxruntime}
 * @param threads intra-op threads the engine ran with ({@code 0} = the engine's default)
 * @param cpu     the processor, for provenance
 * @param single  batch-1 timings
 * @param batched timings at the configured batch (the same as {@code single} at batch 1)
 */
public record InferenceSpeed(String engine, int threads, String cpu, LatencyStats single, LatencyStats batched) {

    /** Median milliseconds per forward pass at batch 1. */
    public double latencyMs() {
        return single.medianMs();
    }

    /** Images per second at the configured batch. */
    public double imagesPerSecond() {
        return batched.imagesPerSecond();
    }

    /**
     * How the latency was measured, for a result's provenance:
     * {@code engine=onnxruntime threads=1 batch=1 runs=30 median_ms=.. p10_ms=.. p90_ms=.. batch16_median_ms=..
     * cpu=...} (the CPU last: it holds spaces).
     */
    public String facts() {
        String more = batched.batch() == 1 ? "" : String.format(Locale.ROOT, " batch%d_median_ms=%.4g batch%d_p10_ms=%.4g"
                + " batch%d_p90_ms=%.4g", batched.batch(), batched.medianMs(), batched.batch(), batched.p10Ms(),
                batched.batch(), batched.p90Ms());
        return "engine=" + engine + " threads=" + threads + " " + single.facts() + more + " cpu=" + cpu;
    }

    /** DL4J timing {@code net} itself on fixed random inputs (cost does not depend on pixel values). */
    public static LatencyProbe dl4j(LatencySettings s) {
        return (net, channels, resolution) -> measure(net, channels, resolution, s);
    }

    /** DL4J timing of {@code net} under {@code s}. */
    public static InferenceSpeed measure(ComputationGraph net, int channels, int resolution, LatencySettings s) {
        Nd4j.getRandom().setSeed(1);
        INDArray one = Nd4j.rand(DataType.FLOAT, 1, channels, resolution, resolution);
        LatencyStats single = LatencyStats.time(1, s.warmup(), s.runs(), () -> net.outputSingle(false, one));
        LatencyStats batched = single;
        if (s.batch() > 1) {
            INDArray many = Nd4j.rand(DataType.FLOAT, s.batch(), channels, resolution, resolution);
            batched = LatencyStats.time(s.batch(), Math.min(s.warmup(), 2), s.runs(), () -> net.outputSingle(false, many));
        }
        return new InferenceSpeed("dl4j", dl4jThreads(), ProcessorName.describe(), single, batched);
    }

    /** ND4J's OpenMP threads: OMP_NUM_THREADS when set, else one per core. */
    private static int dl4jThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        try {
            return omp == null || omp.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(omp.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
