package org.effnas.worker.profile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.cost.CostModel;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.graph.TrainableParams;
import org.effnas.worker.nhwc.NhwcNetwork;
import org.effnas.worker.nhwc.NhwcProfile;
import org.effnas.eval.Precision;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Times training steps of a spec on a data iterator (Adam, 1e-3): images/s, CPU time per image,
 * achieved GFLOP/s, peak RSS, and, when profiled, where the time went (phase and layer shares from a
 * {@link StackSampler}; without the profile the shares are empty and the native share NaN). What
 * {@code effnas bench train} runs.
 *
 * @param gflopsPerSecond {@code 3 x 2 x MACs per image x images/s / 1e9} (backward counted as 2x forward)
 * @param batchAssemblyShare the share of the timed steps' wall time spent getting the next batch from the
 *                           iterator: the most that overlapping batch assembly with compute could save
 */
public record TrainingBenchmark(long params, long macs, int batch, int iterations, double seconds,
                                double imagesPerSecond, double cpuMsPerImage, double gflopsPerSecond,
                                long peakRssBytes, double loadAverage, double nativeShare,
                                Map<String, Double> phaseShares, Map<String, Double> layerShares, String backend,
                                double batchAssemblyShare) {

    /** Runs {@code warmup} untimed then {@code iterations} timed steps, unprofiled (the cheap default). */
    public static TrainingBenchmark run(ArchSpec spec, DataSetIterator data, int warmup, int iterations, long seed) {
        return run(spec, data, warmup, iterations, seed, false);
    }

    /**
     * Runs {@code warmup} untimed then {@code iterations} timed steps of effnas's DL4J graph; resets
     * {@code data} as needed.
     *
     * @param profile sample the training thread's stack every 5 ms for the time shares
     */
    public static TrainingBenchmark run(ArchSpec spec, DataSetIterator data, int warmup, int iterations, long seed,
                                        boolean profile) {
        NativeBackend.prepare();
        ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(seed));
        return time(spec, data, warmup, iterations, profile, batch -> {
            net.fit(batch);
            return batch.numExamples();
        }, TrainableParams.trainableParams(net), NativeBackend::describe, () -> { });
    }

    /**
     * The same timing for the NHWC engine ({@link NhwcNetwork}). It trains full batches only: a smaller last
     * batch of an epoch is skipped, and not counted.
     *
     * @param profile time every primitive and every piece of Java work of the timed steps ({@link NhwcProfile})
     * @return the timing, with the profile's shares when profiled, and the profile (null when not)
     */
    public static NhwcBenchmark runNhwc(ArchSpec spec, DataSetIterator data, int warmup, int iterations,
                                        long seed, Precision precision, boolean profile) {
        NhwcNetwork net = NhwcNetwork.of(spec, data.batch(), precision, seed);
        TrainingBenchmark timing = time(spec, data, warmup, iterations, false, batch -> {
            if (batch.numExamples() != net.batch()) {
                return 0;
            }
            net.fit(batch);
            return net.batch();
        }, net.params(), net::describe, profile ? net::startProfile : () -> { });
        NhwcProfile p = net.profile();
        if (p == null) {
            return new NhwcBenchmark(timing, null);
        }
        TrainingBenchmark t = timing;
        return new NhwcBenchmark(new TrainingBenchmark(t.params(), t.macs(), t.batch(), t.iterations(), t.seconds(),
                t.imagesPerSecond(), t.cpuMsPerImage(), t.gflopsPerSecond(), t.peakRssBytes(), t.loadAverage(),
                p.nativeShare(), p.phaseShares(), p.layerShares(), t.backend(), t.batchAssemblyShare()), p);
    }

    /** One training step on a batch; returns the images it trained on. */
    private interface Step {
        int fit(DataSet batch);
    }

    private static TrainingBenchmark time(ArchSpec spec, DataSetIterator data, int warmup, int iterations,
                                          boolean profile, Step step, long params,
                                          Supplier<String> backend, Runnable afterWarmup) {
        for (int i = 0; i < warmup; i++) {
            step.fit(next(data));
        }
        afterWarmup.run();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long images = 0;
        long dataNanos = 0;
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        StackSampler sampler = profile ? new StackSampler(Thread.currentThread(), 5) : null;
        try {
            for (int i = 0; i < iterations; i++) {
                long d0 = System.nanoTime();
                DataSet batch = next(data);
                dataNanos += System.nanoTime() - d0;
                images += step.fit(batch);
            }
        } finally {
            if (sampler != null) {
                sampler.close();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
        long macs = CostModel.of(spec).macs();
        double rate = images / seconds;
        return new TrainingBenchmark(params, macs, data.batch(), iterations, seconds, rate, cpuMs / images,
                6.0 * macs * rate / 1e9, currentPeakRssBytes(), os.getSystemLoadAverage(),
                profile ? sampler.nativeShare() : Double.NaN, profile ? sampler.phaseShares() : Map.of(),
                profile ? sampler.layerShares() : Map.of(), backend.get(), dataNanos / 1e9 / seconds);
    }

    private static DataSet next(DataSetIterator data) {
        if (!data.hasNext()) {
            data.reset();
        }
        return data.next();
    }

    /** VmHWM of this process from /proc/self/status, in bytes; -1 where there is no /proc. */
    public static long currentPeakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
