package org.effnas.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import org.effnas.cache.ResultCache;

/**
 * How one session of an experiment runs, beside its config: where, whether it resumes, the result
 * cache, and (surrogate only) simulated durations. None of it changes a result.
 *
 * @param cacheDir        the cross-experiment result cache; empty = none
 * @param simulateSeconds surrogate only: seconds per evaluation at the reference's MACs
 * @param resumeCommand   the command that continues this run, printed when it is stopped; empty = none
 */
public record LaunchOptions(Path out, boolean resume, Optional<Path> cacheDir, boolean fresh,
                            double simulateSeconds, Optional<String> resumeCommand) {

    public LaunchOptions {
        if (cacheDir == null || resumeCommand == null) {
            throw new IllegalArgumentException("launch options: cacheDir and resumeCommand are required (empty for none)");
        }
        if (!(simulateSeconds >= 0) || Double.isInfinite(simulateSeconds)) {
            throw new org.effnas.InvalidInputException("simulated seconds: must be a finite number >= 0, got "
                    + simulateSeconds);
        }
    }

    /** A session in {@code out} with the default cache ({@link ResultCache#defaultDirectory()}). */
    public static LaunchOptions of(Path out, boolean resume) {
        return new LaunchOptions(out, resume, Optional.of(ResultCache.defaultDirectory()), false, 0, Optional.empty());
    }

    public LaunchOptions withResumeCommand(String command) {
        return new LaunchOptions(out, resume, cacheDir, fresh, simulateSeconds, Optional.of(command));
    }
}
