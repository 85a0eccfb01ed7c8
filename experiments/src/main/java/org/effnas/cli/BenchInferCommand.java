package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.export.ImageClassifier;
import org.effnas.worker.export.InferenceLatency;
import org.effnas.worker.profile.InferenceBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code effnas bench infer ARCH}: batch-1 latency and batch-64 throughput with DL4J and ONNX Runtime. */
@Command(name = "infer",
        description = {
                "Time inference of an architecture with DL4J and with ONNX Runtime and print JSON: for each engine, "
                        + "the batch-1 latency (median, p10, p90 of --runs runs after --warmup untimed ones) and the "
                        + "throughput at --throughput-batch (images / median time), with the engine, threads, batch "
                        + "and CPU named.",
                "The network has its random initial weights: the figures are speed only, not accuracy. It is saved "
                        + "and exported to ONNX in a temporary folder and run through the same classifiers as "
                        + "`effnas predict`. --resolution, --channels, --classes, --stem-stride, --width and --depth "
                        + "change ARCH as in bench train. PyTorch reference: bench/pytorch_reference.py in its "
                        + "infer mode on the spec file --save-spec writes; DL4J, ONNX Runtime and PyTorch back to back: "
                        + "bench/versus-pytorch.sh infer ARCH; results: docs/performance.md."},
        footer = {"", "Examples:",
                "  effnas bench infer effnas-mini",
                "  effnas bench infer efficientnet-b0 --resolution 28 --channels 1 --classes 10 --stem-stride 1 "
                        + "--width 0.5",
                "  effnas bench infer efficientnet-b0 --engine onnxruntime --save-spec b0.yaml"})
public final class BenchInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    NetShapeOptions net;

    @Mixin
    InputShapeOptions input;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "both",
            description = "dl4j, onnxruntime or both (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Intra-op threads of each engine (default: the available processors).")
    Integer threads;

    @Option(names = "--throughput-batch", paramLabel = "N", defaultValue = "64",
            description = "Batch of the throughput figure (default: ${DEFAULT-VALUE}).")
    int throughputBatch;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "50",
            description = "Timed runs per engine and batch (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--save-spec", paramLabel = "FILE",
            description = "Also write the spec that was measured (YAML), for bench/pytorch_reference.py.")
    Path saveSpec;

    @Override
    public Integer call() throws IOException {
        List<ImageClassifier.Engine> engines = engine.equalsIgnoreCase("both")
                ? List.of(ImageClassifier.Engine.DL4J, ImageClassifier.Engine.ONNXRUNTIME)
                : List.of(ImageClassifier.Engine.parse(engine));
        InputCheck.refuse(runs < 1 || warmup < 0, "--runs must be >= 1 and --warmup >= 0, got " + runs + " and " + warmup);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ArchSpec spec = net.apply(input.apply(net.base()));
        if (saveSpec != null) {
            Files.writeString(saveSpec, SpecFiles.toYaml(spec));
        }
        NativeBackend.prepare();
        InferenceBenchmark b = InferenceBenchmark.run(spec, engines, n, throughputBatch, warmup, runs, 1);
        ObjectNode out = OutputFormat.jsonObject().put("arch", net.architecture).put("resolution", spec.resolution())
                .put("channels", spec.inChannels()).put("classes", spec.classes()).put("params", b.params())
                .put("macs", b.macs()).put("weights", InferenceBenchmark.WEIGHTS).put("threads", b.threads())
                .put("cpu", b.latencies().get(0).cpu());
        ArrayNode rows = out.putArray("results");
        for (InferenceLatency l : b.latencies()) {
            rows.addObject().put("engine", l.engine()).put("threads", l.threads()).put("batch", l.batch())
                    .put("runs", l.runs()).put("median_ms", l.medianMs()).put("p10_ms", l.p10Ms())
                    .put("p90_ms", l.p90Ms()).put("min_ms", l.minMs()).put("max_ms", l.maxMs())
                    .put("images_per_second", InferenceBenchmark.imagesPerSecond(l));
        }
        out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("backend", NativeBackend.describe());
        command.commandLine().getOut().print(OutputFormat.json(out));
        command.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }
}
