package org.effnas.config;

import org.effnas.worker.train.LatencySettings;

/**
 * How {@code cost: latency} is measured after a candidate trains: the engine
 * ({@code auto}: ONNX Runtime when it loads, else DL4J), intra-op threads, the second batch size
 * (batch 1 is always measured, and is the latency the reward uses), warm-up and timed runs (the
 * median is reported, with p10/p90 in the result's provenance).
 */
public record LatencyConfig(LatencyEngine engine, int threads, int batch, int runs, int warmup) {

    public LatencyConfig {
        if (engine == null) {
            throw new IllegalArgumentException("latency.engine is required");
        }
        settingsOf(threads, batch, runs, warmup);
    }

    public static LatencyConfig defaults() {
        LatencySettings d = LatencySettings.defaults();
        return new LatencyConfig(LatencyEngine.AUTO, d.threads(), d.batch(), d.runs(), d.warmup());
    }

    /** Every setting the measured latency depends on, as one line (part of the result cache's key). */
    public String identity() {
        return "latency:" + engine.text() + " threads=" + threads + " batch=" + batch + " runs=" + runs
                + " warmup=" + warmup;
    }

    /** The worker's measurement settings. */
    public LatencySettings settings() {
        return settingsOf(threads, batch, runs, warmup);
    }

    private static LatencySettings settingsOf(int threads, int batch, int runs, int warmup) {
        return new LatencySettings(threads, batch, warmup, runs);
    }

    static LatencyConfig read(ConfigSection s) {
        LatencyConfig d = defaults();
        LatencyEngine engine = s.choice("engine", d.engine(), LatencyEngine.class);
        int threads = s.integer("threads", d.threads(), 0, LatencySettings.MAX_THREADS);
        int batch = s.integer("batch", d.batch(), 1, LatencySettings.MAX_BATCH);
        int runs = s.integer("runs", d.runs(), 1, LatencySettings.MAX_RUNS);
        int warmup = s.integer("warmup", d.warmup(), 0, LatencySettings.MAX_RUNS);
        return new LatencyConfig(engine, threads, batch, runs, warmup);
    }
}
