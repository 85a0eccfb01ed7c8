package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.effnas.data.Augmentation;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.nhwc.NhwcNetwork;
import org.effnas.worker.nhwc.NhwcProfile;
import org.effnas.eval.Precision;
import org.effnas.worker.profile.NhwcBenchmark;
import org.effnas.worker.profile.OneDnnVerboseLog;
import org.effnas.worker.profile.OneDnnVerboseRun;
import org.effnas.worker.profile.ProcessorName;
import org.effnas.worker.profile.SyntheticBatches;
import org.effnas.worker.profile.TrainingBenchmark;
import org.effnas.eval.TrainingEngine;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/** {@code effnas bench}: benchmarks that print figures (never pass/fail). */
@Command(name = "bench",
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
            description = {
                    "Time training steps (Adam) of an architecture on real Fashion-MNIST batches and print JSON: "
                            + "images_per_second, cpu_ms_per_image, gflops_per_second (3 x 2 x MACs per image x "
                            + "images/s / 1e9), peak_rss_bytes (VmHWM), the load average, threads and CPU.",
                    "--profile adds where the time went: shares of forward / backward / update and of each layer "
                            + "type, and the native share (ND4J and oneDNN kernels) versus Java, from a stack sampler "
                            + "on the timed steps; then a few more steps in a child JVM with oneDNN's verbose mode "
                            + "give the primitives oneDNN ran per step, the reorders (layout conversions) among "
                            + "them, their time share and the layouts converted. With --engine onednn-nhwc the "
                            + "engine times every primitive and every piece of Java work itself, and counts its "
                            + "reorders (weights and the input batch).",
                    "ARCH's input channels and classes are adapted to the dataset; its resolution is kept unless "
                            + "--resolution is given (images are resized bilinearly). --synthetic trains on one fixed "
                            + "random batch of the spec's own input (--channels, --classes) instead, for shapes no "
                            + "dataset has (speed only). --stem-stride, --width and "
                            + "--depth change ARCH as in effnas train. --engine onednn-nhwc times the NHWC engine "
                            + "instead of DL4J (full batches only). The machine's other load "
                            + "changes the figures: compare runs made back to back. PyTorch reference: "
                            + "bench/pytorch_reference.py, back to back: bench/versus-pytorch.sh train ARCH; "
                            + "method and results: docs/performance.md."},
            footer = {"", "Examples:",
                    "  effnas bench train effnas-mini",
                    "  effnas bench train effnas-mini --profile",
                    "  effnas bench train effnas-mini --engine onednn-nhwc --precision bf16",
                    "  effnas bench train efficientnet-b0 --synthetic --channels 3 --classes 10 --batch 16",
                    "  effnas bench train efficientnet-b0 --resolution 64 --batch 32 --iterations 10",
                    "  effnas bench train efficientnet-b0 --resolution 28 --stem-stride 1 --width 0.5 --depth 0.5"})
    public static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec command;

        @Mixin
        NetShapeOptions net;

        @Mixin
        InputShapeOptions input;

        @Mixin
        TrainingDataOptions data;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "30",
                description = "Timed training steps (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
                description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--synthetic", description = "Train on one fixed random batch of the spec's own input shape "
                + "instead of a dataset (speed only).")
        boolean synthetic;

        @Option(names = "--profile", description = "Also report where the time went (stack sampler) and oneDNN's "
                + "primitives and reorders per step (a child JVM in verbose mode).")
        boolean profile;

        @Option(names = "--profile-steps", paramLabel = "N", defaultValue = "3",
                description = "With --profile: steps of the oneDNN verbose run, after 2 warm-up steps "
                        + "(default: ${DEFAULT-VALUE}).")
        int profileSteps;

        @Mixin
        EngineOptions engineOptions;

        @Option(names = "--save-spec", paramLabel = "FILE",
                description = "Also write the spec that was trained (YAML), for bench/pytorch_reference.py.")
        Path saveSpec;

        @Override
        public Integer call() throws Exception {
            NativeBackend.prepare();
            InputCheck.refuse(data.batch < 1 || iterations < 1 || warmup < 0,
                    "--batch and --iterations must be >= 1 and --warmup >= 0");
            InputCheck.refuse(!synthetic && (input.channels != null || input.classes != null),
                    "--channels and --classes go with --synthetic; a dataset sets them");
            InputCheck.refuse(profile && profileSteps < 1, "--profile-steps must be >= 1, got " + profileSteps);
            TrainingEngine engine = engineOptions.engine;
            Precision precision = engineOptions.precision;
            boolean nhwc = engine == TrainingEngine.ONEDNN_NHWC;
            InputCheck.refuse(!nhwc && precision != Precision.F32, "--precision " + precision.text()
                    + " needs --engine onednn-nhwc: the DL4J graph trains in f32 only");
            Precision used = precision;
            if (nhwc && !NhwcNetwork.supports(precision)) {
                used = Precision.F32;
                command.commandLine().getErr().println("bench train: this CPU cannot run " + precision.text()
                        + " in oneDNN " + NhwcNetwork.oneDnnVersion() + "; training in f32 instead");
            }
            ArchSpec base = net.base();
            ArchSpec spec;
            DataSetIterator batches;
            if (synthetic) {
                spec = net.apply(input.apply(base));
                batches = SyntheticBatches.of(spec, data.batch, 1);
            } else {
                ImageDataset images = data.load();
                spec = net.apply(base.withInput(input.resolution(base), images.channels(), images.numClasses()));
                batches = SplitDataset.of(images, SplitOptions.defaults())
                        .trainIterator(spec.resolution(), data.batch, Augmentation.none(), 1);
            }
            if (saveSpec != null) {
                Files.writeString(saveSpec, SpecFiles.toYaml(spec));
            }
            NhwcBenchmark nb = nhwc ? TrainingBenchmark.runNhwc(spec, batches, warmup, iterations, 1, used, profile)
                    : null;
            TrainingBenchmark b = nhwc ? nb.timing() : TrainingBenchmark.run(spec, batches, warmup, iterations, 1,
                    profile);
            ObjectNode n = OutputFormat.jsonObject().put("arch", net.architecture).put("engine", engine.text())
                    .put("precision", used.text())
                    .put("data", synthetic ? "synthetic" : data.name).put("resolution", spec.resolution())
                    .put("channels", spec.inChannels()).put("classes", spec.classes()).put("params", b.params())
                    .put("macs", b.macs()).put("batch", b.batch()).put("iterations", b.iterations())
                    .put("seconds", b.seconds()).put("images_per_second", b.imagesPerSecond())
                    .put("cpu_ms_per_image", b.cpuMsPerImage()).put("gflops_per_second", b.gflopsPerSecond())
                    .put("peak_rss_bytes", b.peakRssBytes()).put("batch_assembly_share", b.batchAssemblyShare())
                    .put("load_average", b.loadAverage()).put("threads", Nd4j.getEnvironment().maxThreads())
                    .put("cpu", ProcessorName.describe());
            if (profile) {
                n.put("native_share", b.nativeShare());
                putShares(n.putObject("phase_shares"), b.phaseShares());
                putShares(n.putObject("layer_shares"), b.layerShares());
                if (nhwc) {
                    NhwcProfile p = nb.profile();
                    n.putObject("onednn").put("version", NhwcNetwork.oneDnnVersion()).put("steps", p.steps())
                            .put("reorders_per_step", p.reordersPerStep())
                            .put("reorder_ms_per_step", p.reorderMsPerStep())
                            .put("reorder_share_of_step", p.reorderShare());
                } else {
                    putVerbose(n.putObject("onednn"), OneDnnVerboseRun.measure(spec, data.batch, 2, profileSteps,
                            1800));
                }
            }
            n.put("backend", b.backend());
            command.commandLine().getOut().print(OutputFormat.json(n));
            command.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }

        private static void putVerbose(ObjectNode node, OneDnnVerboseLog log) {
            node.put("version", log.version()).put("isa", log.isa()).put("steps", log.steps())
                    .put("verbose_step_ms", log.stepMs()).put("primitive_ms_per_step", log.oneDnnMs())
                    .put("reorders_per_step", log.reorders().count()).put("reorder_ms_per_step", log.reorders().ms())
                    .put("reorder_share_of_onednn", log.reorderShareOfOneDnn())
                    .put("reorder_share_of_step", log.reorderShareOfStep());
            ObjectNode kinds = node.putObject("per_step");
            log.kinds().forEach((k, v) -> kinds.putObject(k).put("count", v.count()).put("ms", v.ms()));
            ObjectNode pairs = node.putObject("reorder_layouts_per_step");
            log.conversions().entrySet().stream().limit(8).forEach(e -> pairs.put(e.getKey(), e.getValue()));
        }

        private static void putShares(ObjectNode node, Map<String, Double> shares) {
            shares.forEach((k, v) -> node.put(k, Math.round(v * 1000) / 1000.0));
        }
    }
}
