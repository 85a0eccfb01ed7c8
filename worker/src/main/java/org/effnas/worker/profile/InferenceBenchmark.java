package org.effnas.worker.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.export.ImageClassifier;
import org.effnas.worker.export.InferenceLatency;
import org.effnas.worker.export.OnnxExport;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.graph.TrainableParams;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;

/**
 * Inference speed of a spec as deployed, without training it: the network is built with its random
 * initial weights (the cost of a forward pass does not depend on the weights' values), saved as a
 * model folder and exported to ONNX in a temporary folder, then measured by {@link InferenceLatency}
 * with each engine at batch 1 (latency) and at a larger batch (throughput). What
 * {@code effnas bench infer} runs.
 *
 * @param params    trainable parameters of the DL4J network
 * @param macs      multiply-accumulates per image (the cost model)
 * @param threads   intra-op threads each engine was given
 * @param latencies one row per engine and batch, in the order measured
 */
public record InferenceBenchmark(long params, long macs, int threads, List<InferenceLatency> latencies) {

    /** What the weights are, for the report: speed only, never accuracy. */
    public static final String WEIGHTS = "random initial weights (speed only)";

    public InferenceBenchmark {
        latencies = List.copyOf(latencies);
    }

    /**
     * Measures {@code spec} with each of {@code engines}.
     *
     * @param threads         intra-op threads for both engines (ND4J's OpenMP pool and ONNX Runtime's)
     * @param throughputBatch batch of the throughput figure (batch 1 gives the latency)
     */
    public static InferenceBenchmark run(ArchSpec spec, List<ImageClassifier.Engine> engines, int threads,
                                         int throughputBatch, int warmup, int runs, long seed) {
        if (threads < 1 || throughputBatch < 1) {
            throw new InvalidInputException("bench infer: --threads and --throughput-batch must be >= 1, got "
                    + threads + " and " + throughputBatch);
        }
        NativeBackend.prepare();
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("effnas-bench-infer");
            ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(seed));
            long params = TrainableParams.trainableParams(net);
            ModelArchive.save(dir, net, spec, EvalJson.MAPPER.createObjectNode().put("weights", WEIGHTS),
                    neutralPreprocessing(spec));
            if (engines.contains(ImageClassifier.Engine.ONNXRUNTIME)) {
                OnnxExport.exportBeside(dir);
            }
            List<InferenceLatency> rows = new ArrayList<>();
            for (ImageClassifier.Engine engine : engines) {
                rows.add(InferenceLatency.measure(dir, engine, threads, 1, warmup, runs));
                rows.add(InferenceLatency.measure(dir, engine, threads, throughputBatch, warmup, runs));
            }
            return new InferenceBenchmark(params, CostModel.of(spec).macs(), threads, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("bench infer: cannot write the temporary model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Images per second of a row: its batch over its median time. */
    public static double imagesPerSecond(InferenceLatency row) {
        return row.batch() * 1000.0 / row.medianMs();
    }

    /** Identity normalisation and class names 0..K-1: the model is fed random values anyway. */
    private static Preprocessing neutralPreprocessing(ArchSpec spec) {
        float[] mean = new float[spec.inChannels()];
        float[] std = new float[spec.inChannels()];
        Arrays.fill(std, 1f);
        List<String> classes = IntStream.range(0, spec.classes()).mapToObj(Integer::toString).toList();
        return new Preprocessing(spec.resolution(), spec.inChannels(), mean, std, classes, "random");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
