package org.effnas.worker.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * The timings of one forward pass repeated: {@code warmup} untimed runs (JIT, allocator, ONNX
 * Runtime's first-run planning), then {@code runs} timed runs summarised by their median and spread
 * (10th and 90th percentile, min, max). The median is what a result reports: one slow run, a GC
 * pause or a neighbour on a shared core, does not move it.
 *
 * @param batch    images per run
 * @param runs     timed runs
 * @param medianMs median milliseconds per run
 * @param p10Ms    10th percentile (linear interpolation)
 * @param p90Ms    90th percentile
 * @param minMs    fastest run
 * @param maxMs    slowest run
 */
public record LatencyStats(int batch, int runs, double medianMs, double p10Ms, double p90Ms, double minMs,
                           double maxMs) {

    public LatencyStats {
        if (batch < 1 || runs < 1) {
            throw new IllegalArgumentException("latency: batch and runs must be >= 1, got " + batch + ", " + runs);
        }
    }

    /** Runs {@code forward} {@code warmup} times untimed, then {@code runs} times timed. */
    public static LatencyStats time(int batch, int warmup, int runs, Runnable forward) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("latency: runs must be >= 1 and warm-up >= 0, got " + runs + ", "
                    + warmup);
        }
        for (int i = 0; i < warmup; i++) {
            forward.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            forward.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return of(batch, ms);
    }

    /** The summary of measured run times {@code ms} (any order). */
    public static LatencyStats of(int batch, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new LatencyStats(batch, sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.1),
                quantile(sorted, 0.9), sorted[0], sorted[sorted.length - 1]);
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Images per second at the median. */
    public double imagesPerSecond() {
        return batch * 1000.0 / medianMs;
    }

    /** {@code batch=1 runs=30 median_ms=0.81 p10_ms=0.78 p90_ms=0.95}. */
    public String facts() {
        return String.format(Locale.ROOT, "batch=%d runs=%d median_ms=%.4g p10_ms=%.4g p90_ms=%.4g", batch, runs,
                medianMs, p10Ms, p90Ms);
    }
}
