package org.effnas.worker.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.InvalidInputException;

/**
 * How to run the user's trainer: the argv (with {@code {request}} and {@code {result}} replaced by
 * the files of each evaluation), a timeout, extra environment variables and the working directory.
 *
 * @param argv           program and arguments; must contain {@value #RESULT} somewhere
 * @param timeout        an evaluation running longer is killed and failed; zero = no limit
 * @param env            added to the worker's environment (CUDA_VISIBLE_DEVICES is set per slot after)
 * @param workdir        the command's working directory; relative argv paths resolve against it
 * @param evaluations    where each evaluation's request, result, log and checkpoint go
 * @param measureLatency ask the command for a batch-1 latency (the reward's cost is latency)
 */
public record CommandSettings(List<String> argv, Duration timeout, Map<String, String> env, Path workdir,
                              Path evaluations, boolean measureLatency) {

    /** Placeholder replaced by the request file's path. */
    public static final String REQUEST = "{request}";
    /** Placeholder replaced by the path the command must write its result to. */
    public static final String RESULT = "{result}";

    public CommandSettings {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new InvalidInputException("evaluator.command: empty; give the trainer's argv, e.g. "
                    + "[python3, trainers/pytorch/train.py, --request, '{request}', --result, '{result}']");
        }
        if (argv.stream().noneMatch(a -> a.contains(RESULT))) {
            throw new InvalidInputException("evaluator.command: no " + RESULT + " placeholder in " + argv
                    + "; the command must be told where to write its result JSON");
        }
        if (timeout == null || timeout.isNegative()) {
            throw new InvalidInputException("evaluator.timeout: must be >= 0 (0 = no limit), got " + timeout);
        }
        if (workdir == null || !Files.isDirectory(workdir)) {
            throw new InvalidInputException("evaluator.workdir: " + workdir + " is not a directory");
        }
        if (evaluations == null) {
            throw new IllegalArgumentException("evaluations directory is required");
        }
        if (program(argv.get(0), workdir).isEmpty()) {
            throw new InvalidInputException("evaluator.command: '" + argv.get(0) + "' not found"
                    + (argv.get(0).contains("/") ? " (relative to " + workdir.toAbsolutePath() + ")" : " on PATH")
                    + " or not executable; install it or give its full path");
        }
    }

    public static CommandSettings of(List<String> argv, Duration timeout, Map<String, String> env, Path workdir,
                                     Path evaluations) {
        return new CommandSettings(argv, timeout, env, workdir, evaluations, false);
    }

    public CommandSettings withMeasureLatency(boolean measure) {
        return new CommandSettings(argv, timeout, env, workdir, evaluations, measure);
    }

    /** The executable a program name runs: a path (relative to {@code workdir}) or a lookup on PATH. */
    public static Optional<Path> program(String name, Path workdir) {
        if (name.contains("/")) {
            Path p = workdir.resolve(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
