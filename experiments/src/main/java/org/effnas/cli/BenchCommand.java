package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.data.Augmentation;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.profile.TrainingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effnas bench}: benchmarks that print figures (never pass/fail). */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: DL4J training speed (train), inference latency with DL4J and ONNX Runtime (infer), the "
                + "CPU's measured single-precision GEMM peak (gemm) and the Hazelcast cluster (cluster). They print figures.",
        footer = {"", "Examples:", "  effnas bench train effnas-mini", "  effnas bench infer effnas-mini",
                "  effnas bench gemm", "  effnas bench cluster"},
        subcommands = {BenchCommand.Train.class, BenchInferCommand.class, BenchGemmCommand.class,
                BenchClusterCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    /** {@code effnas bench train ARCH}: training throughput, achieved GFLOP/s, peak memory and the time split. */
    @Command(name = "train",
            mixinStandardHelpOptions = true,
            description = {
                    "Time DL4J training steps (Adam) of an architecture on real Fashion-MNIST batches and print JSON: "
                            + "images_per_second, cpu_ms_per_image, gflops_per_second (3 x 2 x MACs per image x "
                            + "images/s / 1e9), peak_rss_bytes (VmHWM), the load average, and where the time went: "
                            + "shares of forward / backward / update and of each layer type, and the native share "
                            + "(ND4J and oneDNN kernels) versus Java, from a stack sampler.",
                    "ARCH's input channels and classes are adapted to the dataset; its resolution is kept unless "
                            + "--resolution is given (images are resized bilinearly). --stem-stride, --width and "
                            + "--depth change ARCH as in effnas train. The machine's other load "
                            + "changes the figures: compare runs made back to back. PyTorch reference: "
                            + "bench/pytorch_reference.py; method and results: docs/performance.md."},
            footer = {"", "Examples:",
                    "  effnas bench train effnas-mini",
                    "  effnas bench train efficientnet-b0 --resolution 64 --batch 32 --iterations 10",
                    "  effnas bench train efficientnet-b0 --resolution 28 --stem-stride 1 --width 0.5 --depth 0.5"})
    public static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec command;

        @Parameters(index = "0", paramLabel = "ARCH", description = "Built-in architecture name or spec file.")
        String architecture;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
                description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "30",
                description = "Timed training steps (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
                description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the spec's).")
        Integer resolution;

        @Mixin
        ScalingOptions scaling;

        @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
                description = "fashion-mnist, mnist, cifar10 or folder (default: ${DEFAULT-VALUE}).")
        String dataset;

        @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder.")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            NativeBackend.prepare();
            if (batch < 1 || iterations < 1 || warmup < 0) {
                throw new InvalidInputException("--batch and --iterations must be >= 1 and --warmup >= 0");
            }
            ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.parse(dataset), dataDir));
            ArchSpec base = Architectures.resolve(architecture);
            int r = resolution != null ? resolution : base.resolution();
            ArchSpec spec = scaling.apply(base.withInput(r, data.channels(), data.numClasses()));
            SplitDataset splits = SplitDataset.of(data, SplitOptions.defaults());
            TrainingBenchmark b = TrainingBenchmark.run(spec,
                    splits.trainIterator(spec.resolution(), batch, Augmentation.none(), 1), warmup, iterations, 1);
            ObjectNode n = OutputFormat.jsonObject();
            n.put("arch", architecture);
            n.put("resolution", spec.resolution());
            n.put("params", b.params());
            n.put("macs", b.macs());
            n.put("batch", b.batch());
            n.put("iterations", b.iterations());
            n.put("seconds", b.seconds());
            n.put("images_per_second", b.imagesPerSecond());
            n.put("cpu_ms_per_image", b.cpuMsPerImage());
            n.put("gflops_per_second", b.gflopsPerSecond());
            n.put("peak_rss_bytes", b.peakRssBytes());
            n.put("load_average", b.loadAverage());
            n.put("native_share", b.nativeShare());
            putShares(n.putObject("phase_shares"), b.phaseShares());
            putShares(n.putObject("layer_shares"), b.layerShares());
            n.put("backend", b.backend());
            command.commandLine().getOut().print(OutputFormat.json(n));
            command.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }

        private static void putShares(ObjectNode node, Map<String, Double> shares) {
            shares.forEach((k, v) -> node.put(k, Math.round(v * 1000) / 1000.0));
        }
    }
}
