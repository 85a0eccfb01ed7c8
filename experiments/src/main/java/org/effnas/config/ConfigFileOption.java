package org.effnas.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option as a picocli mixin, for commands that take their settings from
 * flags but may also read them from an experiment config. {@link ConfigDefaults} makes the config's
 * settings the flags' defaults, so flags given on the command line win over the config's, and the
 * config's over the built-in defaults.
 */
public final class ConfigFileOption {

    /** The option's name, which {@link ConfigDefaults} looks up. */
    public static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE",
            description = "An experiment config (YAML, see docs/experiments.md): its settings are the defaults; "
                    + "flags given on the command line override them.")
    Path file;

    /** The file given, or null. */
    public Path file() {
        return file;
    }
}
