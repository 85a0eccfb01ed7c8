package org.effnas.worker.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.eval.EvalJson;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;

/**
 * Writes a trained network as an ONNX model ({@value #FILE}) with its preprocessing contract in
 * the model's {@code metadata_props} and in {@value Preprocessing#FILE} beside it. The graph is
 * {@link GraphExporter}'s translation; the file is written by {@link OnnxModelWriter}.
 *
 * <p>Metadata keys: {@code effnas.preprocess} (the whole preprocess JSON), {@code effnas.resolution},
 * {@code effnas.channels}, {@code effnas.mean}, {@code effnas.std} (comma-separated per channel),
 * {@code effnas.class_names} (JSON array), {@code effnas.layout} (NCHW), {@code effnas.spec} (the
 * spec as YAML) and {@code effnas.metrics} (JSON), the last two when known.
 */
public final class OnnxExport {

    /** The exported model's file name beside {@code model.zip}. */
    public static final String FILE = "model.onnx";

    private OnnxExport() {
    }

    /**
     * Exports the model saved in {@code dirOrZip} (a model folder or its {@code model.zip}) to
     * {@value #FILE} beside the zip, with default options: the one call to make after saving a model.
     */
    public static ExportedModel exportBeside(Path dirOrZip) {
        Path zip = ModelArchive.modelFile(dirOrZip);
        return export(dirOrZip, zip.toAbsolutePath().getParent().resolve(FILE), ExportOptions.defaults());
    }

    /** Exports the model saved in {@code dirOrZip} to {@code out}. */
    public static ExportedModel export(Path dirOrZip, Path out, ExportOptions options) {
        Preprocessing pre = ModelArchive.loadPreprocessing(dirOrZip);
        ArchSpec spec = ModelArchive.loadSpec(dirOrZip);
        JsonNode metrics = ModelArchive.loadMetrics(dirOrZip);
        ComputationGraph net = ModelArchive.loadNetwork(dirOrZip);
        return write(net, pre, spec, metrics, options, out);
    }

    /**
     * Exports {@code net} to {@code out} (written to a temporary file, then moved into place) and
     * {@value Preprocessing#FILE} beside it.
     *
     * @param spec    the spec the network was built from, or null
     * @param metrics its measured result, or null
     */
    public static ExportedModel write(ComputationGraph net, Preprocessing pre, ArchSpec spec, JsonNode metrics,
                                      ExportOptions options, Path out) {
        OnnxGraph graph = GraphExporter.export(net, pre.resolution(), pre.channels(), options.softmax());
        Map<String, String> metadata = metadata(pre, spec, metrics);
        Path dir = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".effnas-export", ".onnx");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                OnnxModelWriter.write(graph, options.opset(), metadata, doc(spec, pre), o);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path preFile = dir.resolve(Preprocessing.FILE);
            Files.writeString(preFile, metadata.get("effnas.preprocess"));
            return new ExportedModel(out, preFile, options.opset().version(), graph.nodes().size(),
                    graph.parameters(), Files.size(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The metadata_props written into the model. */
    public static Map<String, String> metadata(Preprocessing pre, ArchSpec spec, JsonNode metrics) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            m.put("effnas.preprocess", EvalJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(pre.toJson()) + "\n");
            m.put("effnas.class_names", EvalJson.MAPPER.writeValueAsString(pre.classNames()));
            if (metrics != null) {
                m.put("effnas.metrics", EvalJson.MAPPER.writeValueAsString(metrics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("effnas.resolution", Integer.toString(pre.resolution()));
        m.put("effnas.channels", Integer.toString(pre.channels()));
        m.put("effnas.layout", "NCHW");
        m.put("effnas.mean", joined(pre.mean()));
        m.put("effnas.std", joined(pre.std()));
        m.put("effnas.dataset", pre.dataset());
        if (spec != null) {
            m.put("effnas.spec", SpecFiles.toYaml(spec));
        }
        return m;
    }

    private static String joined(float[] values) {
        return IntStream.range(0, values.length).mapToObj(i -> Float.toString(values[i]))
                .collect(Collectors.joining(","));
    }

    private static String doc(ArchSpec spec, Preprocessing pre) {
        return "effnas network" + (spec == null ? "" : " (" + spec.blockCount() + " blocks)") + ": input NCHW float32 "
                + pre.channels() + "x" + pre.resolution() + "x" + pre.resolution()
                + ", x = (pixel / 255 - mean) / std per channel; outputs logits and probabilities over "
                + pre.classNames().size() + " classes (see metadata effnas.preprocess)";
    }
}
