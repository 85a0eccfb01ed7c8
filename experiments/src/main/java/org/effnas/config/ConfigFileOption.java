package org.effnas.config;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option as a picocli mixin, for commands that take their settings from
 * flags but may also read them from an experiment config ({@code @Mixin ConfigFileOption config;}).
 * Values given as flags win over the config's; the config's win over the command's defaults.
 */
public final class ConfigFileOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "An experiment config (YAML, see docs/experiments.md): its settings are the defaults; "
                    + "flags given on the command line override them.")
    private Path file;

    private ExperimentConfig loaded;

    /** The validated config, or empty when {@code --config} was not given (exit 2 on a bad file). */
    public Optional<ExperimentConfig> config() {
        if (file == null) {
            return Optional.empty();
        }
        if (loaded == null) {
            loaded = ConfigLoader.load(file);
        }
        return Optional.of(loaded);
    }

    /** The file given, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** A flag's value when given, else the config's, else the default. */
    public static <T> T pick(T flag, Optional<T> fromConfig, T fallback) {
        return flag != null ? flag : fromConfig.orElse(fallback);
    }
}
