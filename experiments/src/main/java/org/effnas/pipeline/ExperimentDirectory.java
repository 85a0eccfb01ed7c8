package org.effnas.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.experiment.PhaseKind;
import org.effnas.report.ReportBuilder;

/**
 * The output directory of one experiment and the files in it. A directory that already holds an
 * experiment is never overwritten: it is refused unless the run resumes it, and a resume must be
 * the same experiment (see {@link ExperimentIdentity}). A non-empty directory that is not an
 * experiment is refused too.
 */
public record ExperimentDirectory(Path root) {

    /**
     * Checks the directory against the rules above, creates it and writes the resolved config.
     *
     * @throws InvalidInputException (exit 2) when the directory may not be used
     */
    public static ExperimentDirectory prepare(Path root, ExperimentConfig config, boolean resume) throws IOException {
        Path configFile = root.resolve(ReportBuilder.CONFIG);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new InvalidInputException("--out " + root + ": is a file, not a directory; choose another --out");
        }
        boolean experiment = Files.isRegularFile(configFile)
                || Arrays.stream(PhaseKind.values()).anyMatch(p -> Files.exists(root.resolve(p.journal())));
        if (experiment && !resume) {
            throw new InvalidInputException("--out " + root + ": already holds an experiment; pass --resume to "
                    + "continue it, or choose another --out (effnas never overwrites an experiment)");
        }
        if (!experiment && Files.isDirectory(root) && !isEmpty(root)) {
            throw new InvalidInputException("--out " + root + ": exists and is not empty (and is not an effnas "
                    + "experiment); choose a new or empty directory");
        }
        if (experiment && Files.isRegularFile(configFile)) {
            ExperimentConfig previous = ConfigLoader.load(configFile);
            List<String> diff = ExperimentIdentity.differences(previous, config);
            if (!diff.isEmpty()) {
                throw new InvalidInputException("--resume " + root + ": the directory holds a different experiment ("
                        + String.join(", ", diff) + " differ from its config.yaml); resume with the same config "
                        + "(only budget, workers, cluster may change) or choose another --out");
            }
        }
        Files.createDirectories(root);
        ConfigLoader.write(config.withOutput(root.toString()), configFile);
        return new ExperimentDirectory(root);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
