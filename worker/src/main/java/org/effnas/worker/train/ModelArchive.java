package org.effnas.worker.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalJson;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.SavedClassNames;

/**
 * A trained network on disk: {@value #MODEL} (DL4J's ModelSerializer format, without optimizer
 * state), {@value #SPEC} (the spec it was built from) and {@value #METRICS} (its measured result).
 */
public final class ModelArchive {

    public static final String MODEL = "model.zip";
    public static final String SPEC = "spec.yaml";
    public static final String METRICS = "metrics.json";

    private ModelArchive() {
    }

    /** Writes the three files into {@code dir}, creating it. */
    public static void save(Path dir, ComputationGraph net, ArchSpec spec, JsonNode metrics) {
        try {
            Files.createDirectories(dir);
            ModelSerializer.writeModel(net, dir.resolve(MODEL).toFile(), false);
            Files.writeString(dir.resolve(SPEC), SpecFiles.toYaml(spec));
            Files.writeString(dir.resolve(METRICS),
                    EvalJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trained model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a saved network back (ready for inference). */
    public static ComputationGraph loadNetwork(Path dir) {
        Path file = dir.resolve(MODEL);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no saved model there; pass the --out folder of `effnas train`");
        }
        try {
            SavedClassNames.register();
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": not a readable DL4J model (" + e.getMessage()
                    + "); train it again with `effnas train --out`");
        }
    }

    /** Reads the spec saved next to a network. */
    public static ArchSpec loadSpec(Path dir) {
        return SpecFiles.read(dir.resolve(SPEC));
    }
}
