package org.effnas.cli;

import java.nio.file.Path;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.pipeline.LaunchOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE --out DIR --resume --yes} and the {@link SessionOptions}: what {@code effnas run} and
 * {@code effnas coordinator} both take to run one experiment (a picocli mixin).
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

    @Mixin
    SessionOptions session;

    @Option(names = "--yes", description = "Start even when the time estimate passes an hour and no wall-time "
            + "budget bounds the run (asked only on a terminal).")
    boolean yes;

    /** The config file, loaded and validated. */
    ExperimentConfig load() {
        return ConfigLoader.load(config);
    }

    /** {@code --out} when given, else the config's output directory. */
    Path directory(ExperimentConfig c) {
        return out != null ? out : Path.of(c.output());
    }

    /** How this session of {@code command} runs {@code c}. */
    LaunchOptions launch(ExperimentConfig c, CommandSpec command) {
        return session.launch(directory(c), resume, 0, command);
    }
}
