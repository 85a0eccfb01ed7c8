package org.effnas.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.effnas.eval.EvalJson;

/**
 * This machine's training speed for the reference net (effnas-mini on Fashion-MNIST at 28 px), the
 * yardstick of {@link WallTimeEstimate}: measured once with a few DL4J steps and kept in
 * {@code ~/.cache/effnas/calibration.json} ({@code EFFNAS_CALIBRATION} names another file); delete
 * the file to measure again. A cached figure is measured again when it came from another processor or
 * another effnas build, or was measured while other work already held every core: one busy measurement
 * would otherwise make every later estimate several times too long.
 *
 * @param trainImages the reference dataset's training split as read, before the minival is held out
 *                    (for epoch-based recipes and minival passes on it)
 * @param machine     the processor and core count it was measured on
 * @param codeVersion the effnas build that measured it
 * @param loadAverage the one-minute load average just before it was measured; NaN when unknown
 * @param source      where the figure came from, for the console line
 */
public record Calibration(String architecture, int resolution, long referenceMacs, double imagesPerSecond,
                          int trainImages, String machine, String codeVersion, double loadAverage, String source) {

    public Calibration {
        if (architecture == null || machine == null || codeVersion == null || source == null || resolution < 1
                || referenceMacs < 1 || !(imagesPerSecond > 0) || Double.isInfinite(imagesPerSecond)
                || trainImages < 0) {
            throw new IllegalArgumentException("calibration: architecture, resolution, MACs, a positive finite "
                    + "images/s, the machine, the code version and a source are required");
        }
    }

    public static Calibration of(String architecture, int resolution, long referenceMacs, double imagesPerSecond,
                                 int trainImages, String machine, String codeVersion, double loadAverage,
                                 String source) {
        return new Calibration(architecture, resolution, referenceMacs, imagesPerSecond, trainImages, machine,
                codeVersion, loadAverage, source);
    }

    /**
     * Why this figure should not be used on {@code machine} with {@code cores} cores by build
     * {@code codeVersion}, or empty when it can be.
     */
    public Optional<String> staleReason(String machine, String codeVersion, int cores) {
        if (!this.machine.equals(machine)) {
            return Optional.of(this.machine.isEmpty() ? "it does not say which processor measured it"
                    : "it was measured on " + this.machine);
        }
        if (!this.codeVersion.equals(codeVersion)) {
            return Optional.of("it was measured by effnas " + this.codeVersion);
        }
        if (loadAverage > cores) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "it was measured at load %.1f on %d cores", loadAverage, cores));
        }
        return Optional.empty();
    }

    /** The cache file. */
    public static Path defaultFile() {
        String env = System.getenv("EFFNAS_CALIBRATION");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "effnas", "calibration.json");
    }

    /** The cached calibration, if the file holds a readable one. */
    public static Optional<Calibration> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            return Optional.of(of(n.path("architecture").asText(), n.path("resolution").asInt(),
                    n.path("reference_macs").asLong(), n.path("images_per_second").asDouble(),
                    n.path("train_images").asInt(), n.path("machine").asText(""), n.path("code_version").asText(""),
                    n.path("load_average").asDouble(Double.NaN), "cached in " + file));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // an unreadable cache is measured again
        }
    }

    /** Writes the calibration to {@code file} (its folder created). */
    public void write(Path file) throws IOException {
        ObjectNode n = EvalJson.fields(this);
        n.remove("source"); // where this figure came from, not part of it
        if (Double.isNaN(loadAverage)) {
            n.remove("load_average"); // JSON has no NaN; read() takes a missing load as unknown
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
