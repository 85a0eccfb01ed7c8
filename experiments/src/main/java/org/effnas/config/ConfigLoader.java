package org.effnas.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.input.InputFiles;
import org.effnas.notation.DuplicateKeys;

/**
 * Reads experiment configs from YAML, validating everything before anything runs: all unknown keys,
 * wrong types and out-of-range values are reported together in one {@link InvalidConfigException},
 * each with its dotted path. Also writes a resolved config back as YAML (every default spelt out),
 * which loads to an equal config.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // a key given twice is refused, not silently last-wins
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigLoader() {
    }

    /** Loads and validates a config file; relative paths in it resolve against its directory. */
    public static ExperimentConfig load(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such config file; see experiments/configs/ for examples");
        }
        String text = InputFiles.readText(file, "config");
        Path dir = file.toAbsolutePath().getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parse(text, file.toString(), dir, "runs/" + stem);
    }

    /**
     * Parses config text.
     *
     * @param source        names the text in messages (usually the file name)
     * @param base          directory that relative paths in the config resolve against
     * @param defaultOutput output directory when the config names none
     */
    public static ExperimentConfig parse(String text, String source, Path base, String defaultOutput) {
        JsonNode root;
        try {
            root = text.isBlank() ? null : YAML.readTree(text);
        } catch (JsonProcessingException ex) {
            JsonLocation at = ex.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            String duplicate = DuplicateKeys.key(ex);
            if (duplicate != null) {
                throw new InvalidInputException(source + where + ": key '" + duplicate + "' is given twice in one "
                        + "mapping; give each key once");
            }
            throw new InvalidInputException(source + where + ": not valid YAML (" + ex.getOriginalMessage()
                    .lines().findFirst().orElse("") + ")");
        }
        List<String> problems = new ArrayList<>();
        ConfigSection top = new ConfigSection("", root, problems);
        ExperimentConfig config = ExperimentConfig.read(top, base, defaultOutput);
        top.finishAll();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        return config;
    }

    /** The resolved config as YAML, every default written out. */
    public static String toYaml(ExperimentConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes {@link #toYaml} to a file. */
    public static void write(ExperimentConfig config, Path file) throws IOException {
        Files.writeString(file, "# effnas experiment config, resolved (every default written out)\n" + toYaml(config));
    }
}
