package org.effnas.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.effnas.cache.ResultCache;
import org.effnas.pipeline.LaunchOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --dry-run}, {@code --cache DIR}, {@code --no-cache} and {@code --fresh}: how one session of an
 * experiment runs, the same for every command that runs one (a picocli mixin).
 */
public final class SessionOptions {

    @Option(names = "--dry-run", description = "Print the plan (how many evaluations or trainings, how many steps "
            + "each) and exit without running anything.")
    boolean dryRun;

    @Option(names = "--cache", paramLabel = "DIR", description = "Result cache shared across experiments "
            + "(default: ~/.cache/effnas).")
    Path cache;

    @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
    boolean noCache;

    @Option(names = "--fresh", description = "Evaluate even what the cache holds (results still refresh it).")
    boolean fresh;

    /**
     * How this session of the experiment in {@code dir} runs; {@code command} is the command that runs it, whose
     * arguments with {@code --resume} are printed when it is stopped.
     */
    LaunchOptions launch(Path dir, boolean resume, double simulateSeconds, CommandSpec command) {
        Optional<Path> cacheDir = noCache ? Optional.empty()
                : Optional.of(cache != null ? cache : ResultCache.defaultDirectory());
        return new LaunchOptions(dir, resume, cacheDir, fresh, simulateSeconds, Optional.of(ResumeCommand.of(command)));
    }
}
