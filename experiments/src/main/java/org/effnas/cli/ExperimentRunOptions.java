package org.effnas.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.effnas.cache.ResultCache;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.pipeline.LaunchOptions;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE --out DIR --resume} and the cache flags: what {@code effnas run} and
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

    @Option(names = "--dry-run", description = "Print the plan (how many evaluations or trainings, how many steps "
            + "each) and exit without running anything.")
    boolean dryRun;

    @Option(names = "--cache", paramLabel = "DIR", description = "Result cache shared across experiments "
            + "(default: ~/.cache/effnas).")
    Path cache;

    @Option(names = "--yes", description = "Start even when the time estimate passes an hour and no wall-time "
            + "budget bounds the run (asked only on a terminal).")
    boolean yes;

    @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
    boolean noCache;

    @Option(names = "--fresh", description = "Evaluate even what the cache holds (results still refresh it).")
    boolean fresh;

    /** The config file, loaded and validated. */
    ExperimentConfig load() {
        return ConfigLoader.load(config);
    }

    /** {@code --out} when given, else the config's output directory. */
    Path directory(ExperimentConfig c) {
        return out != null ? out : Path.of(c.output());
    }

    /** How this session runs; {@code args} is the whole command line, for the hint printed when it is stopped. */
    LaunchOptions launch(ExperimentConfig c, List<String> args) {
        Optional<Path> dir = noCache ? Optional.empty() : Optional.of(cache != null ? cache : ResultCache.defaultDirectory());
        return new LaunchOptions(directory(c), resume, dir, fresh, 0, Optional.of(ResumeCommand.of(args)));
    }
}
