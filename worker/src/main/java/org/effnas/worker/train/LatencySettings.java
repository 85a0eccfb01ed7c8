package org.effnas.worker.train;

/**
 * How inference latency is measured: intra-op threads, the second batch size (batch 1 is always
 * measured), untimed warm-up runs and timed runs per batch size.
 *
 * @param threads intra-op threads of ONNX Runtime (0 = one per core); DL4J runs on ND4J's OpenMP
 *                threads ({@code OMP_NUM_THREADS}), which a process sets once
 * @param batch   the second batch size measured, for throughput (1 = batch 1 only)
 * @param warmup  untimed runs before the timed ones
 * @param runs    timed runs whose median is reported
 */
public record LatencySettings(int threads, int batch, int warmup, int runs) {

    public static final int MAX_THREADS = 256;
    public static final int MAX_BATCH = 1024;
    public static final int MAX_RUNS = 10_000;

    public LatencySettings {
        if (threads < 0 || threads > MAX_THREADS || batch < 1 || batch > MAX_BATCH || warmup < 0 || warmup > MAX_RUNS
                || runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("latency: need threads in [0, " + MAX_THREADS + "], batch in [1, "
                    + MAX_BATCH + "], warmup in [0, " + MAX_RUNS + "], runs in [1, " + MAX_RUNS + "]; got threads "
                    + threads + ", batch " + batch + ", warmup " + warmup + ", runs " + runs);
        }
    }

    /** One thread, batch 1 and 16, 10 warm-up and 30 timed runs. */
    public static LatencySettings defaults() {
        return new LatencySettings(1, 16, 10, 30);
    }
}
