package org.effnas.cli;

import java.nio.file.Path;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE --out DIR --resume}: what {@code effnas run} and {@code effnas coordinator}
 * both take to run one experiment (a picocli mixin).
 */
public final class ExperimentRunOptions {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The experiment config (YAML); see experiments/configs/ and docs/experiments.md.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The experiment directory (default: the config's output, else runs/<config name>).")
    Path out;

    @Option(names = "--resume",
            description = "Continue the experiment already in the output directory (same config; budget, workers "
                    + "and cluster may change) from its journals.")
    boolean resume;

    /** The config file, loaded and validated. */
    ExperimentConfig load() {
        return ConfigLoader.load(config);
    }

    /** {@code --out} when given, else the config's output directory. */
    Path directory(ExperimentConfig c) {
        return out != null ? out : Path.of(c.output());
    }
}
