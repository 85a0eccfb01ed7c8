package org.effnas.worker.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalJson;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.SavedClassNames;

/**
 * A trained network on disk: {@value #MODEL} (DL4J's ModelSerializer format, without optimizer
 * state), {@value #SPEC} (the spec it was built from), {@value #METRICS} (its measured result) and
 * {@value Preprocessing#FILE} (input resolution, channels, normalisation and class names). The
 * three small files are also stored inside {@value #MODEL} under {@value #EMBEDDED}, so the zip
 * alone is a complete model: copied elsewhere it still says how to feed it and what it predicts.
 */
public final class ModelArchive {

    public static final String MODEL = "model.zip";
    public static final String SPEC = "spec.yaml";
    public static final String METRICS = "metrics.json";
    /** Folder inside {@value #MODEL} holding copies of spec, metrics and preprocessing. */
    public static final String EMBEDDED = "effnas/";

    private ModelArchive() {
    }

    /** Writes the model and its three companion files into {@code dir}, creating it. */
    public static void save(Path dir, ComputationGraph net, ArchSpec spec, JsonNode metrics,
                            Preprocessing preprocessing) {
        if (preprocessing.resolution() != spec.resolution() || preprocessing.channels() != spec.inChannels()
                || preprocessing.classNames().size() != spec.classes()) {
            throw new IllegalArgumentException("preprocessing " + preprocessing + " does not fit the spec ("
                    + spec.inChannels() + "x" + spec.resolution() + ", " + spec.classes() + " classes)");
        }
        try {
            Files.createDirectories(dir);
            Path zip = dir.resolve(MODEL);
            String specYaml = SpecFiles.toYaml(spec);
            String metricsJson = pretty(metrics);
            String preJson = pretty(preprocessing.toJson());
            Path plain = Files.createTempFile(dir, ".model", ".zip");
            ModelSerializer.writeModel(net, plain.toFile(), false);
            Path complete = Files.createTempFile(dir, ".model", ".zip");
            try (ZipFile in = new ZipFile(plain.toFile());
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(complete))) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
                for (Map.Entry<String, String> extra : Map.of(SPEC, specYaml, METRICS, metricsJson,
                        Preprocessing.FILE, preJson).entrySet()) {
                    out.putNextEntry(new ZipEntry(EMBEDDED + extra.getKey()));
                    out.write(extra.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            Files.delete(plain);
            Files.move(complete, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(SPEC), specYaml);
            Files.writeString(dir.resolve(METRICS), metricsJson);
            Files.writeString(dir.resolve(Preprocessing.FILE), preJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trained model to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String pretty(JsonNode json) throws IOException {
        return EvalJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }

    /** The {@value #MODEL} of a model folder, or the zip itself when given one. */
    public static Path modelFile(Path dirOrZip) {
        Path file = Files.isDirectory(dirOrZip) ? dirOrZip.resolve(MODEL) : dirOrZip;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no saved model there; pass the --out folder of `effnas train`"
                    + " or a model.zip");
        }
        return file;
    }

    /** Reads a saved network back (ready for inference); {@code dirOrZip} is a model folder or its zip. */
    public static ComputationGraph loadNetwork(Path dirOrZip) {
        Path file = modelFile(dirOrZip);
        try {
            SavedClassNames.register();
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": not a readable DL4J model (" + e
                    + "); train it again with `effnas train --out`", e);
        }
    }

    /** Reads the spec saved with a network (beside it, else inside the zip). */
    public static ArchSpec loadSpec(Path dirOrZip) {
        Path beside = beside(dirOrZip, SPEC);
        if (Files.isRegularFile(beside)) {
            return SpecFiles.read(beside);
        }
        String text = embedded(dirOrZip, SPEC);
        if (text == null) {
            throw new InvalidInputException(beside + ": no spec saved with the model; train it again with"
                    + " `effnas train --out`");
        }
        return SpecFiles.parseYaml(text, modelFile(dirOrZip) + "!" + EMBEDDED + SPEC);
    }

    /** Reads the preprocessing saved with a network (beside it, else inside the zip). */
    public static Preprocessing loadPreprocessing(Path dirOrZip) {
        Path beside = beside(dirOrZip, Preprocessing.FILE);
        String source = beside.toString();
        String text;
        try {
            text = Files.isRegularFile(beside) ? Files.readString(beside) : null;
        } catch (IOException e) {
            throw new InvalidInputException(beside + ": unreadable (" + e.getMessage() + ")");
        }
        if (text == null) {
            text = embedded(dirOrZip, Preprocessing.FILE);
            source = modelFile(dirOrZip) + "!" + EMBEDDED + Preprocessing.FILE;
        }
        if (text == null) {
            throw new InvalidInputException(beside + ": the model has no preprocessing record (resolution,"
                    + " normalisation, class names); it was saved by an older effnas: train it again with"
                    + " `effnas train --out`");
        }
        try {
            return Preprocessing.fromJson(EvalJson.MAPPER.readTree(text), source);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    /** The metrics saved with a network, or null when there are none. */
    public static JsonNode loadMetrics(Path dirOrZip) {
        Path beside = beside(dirOrZip, METRICS);
        try {
            String text = Files.isRegularFile(beside) ? Files.readString(beside) : embedded(dirOrZip, METRICS);
            return text == null ? null : EvalJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new InvalidInputException(beside + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static Path beside(Path dirOrZip, String name) {
        Path dir = Files.isDirectory(dirOrZip) ? dirOrZip : dirOrZip.toAbsolutePath().getParent();
        return dir.resolve(name);
    }

    /** A companion file stored inside the zip, or null. */
    private static String embedded(Path dirOrZip, String name) {
        Path file = modelFile(dirOrZip);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(EMBEDDED + name);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a readable zip (" + e.getMessage() + ")");
        }
    }
}
