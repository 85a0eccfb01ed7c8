package org.effnas.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.worker.command.CommandSettings;

/**
 * The keys of {@code evaluator: {kind: command, ...}}: the trainer's argv with the {@code {request}}
 * and {@code {result}} placeholders, a timeout per evaluation, extra environment variables and the
 * working directory (the config file's directory unless set; written back absolute).
 *
 * @param command argv, program first
 * @param timeout an evaluation running longer is killed and failed; 0 = no limit
 * @param env     added to the worker's environment
 * @param workdir the command's working directory, absolute
 */
public record CommandConfig(List<String> command, @JsonSerialize(using = DurationText.class) Duration timeout,
                            Map<String, String> env, String workdir) {

    /** Keys only a command evaluator has. */
    static final List<String> KEYS = List.of("command", "timeout", "env", "workdir");
    /** Default timeout per evaluation. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    public CommandConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /**
     * Reads the command keys of the evaluator section: null (and a problem for each key given) when
     * the kind is not {@code command}.
     */
    static CommandConfig read(ConfigSection s, String kind, Path base) {
        if (!kind.equals("command")) {
            s.onlyWith(KEYS, "evaluator.kind: command (kind is " + kind + ")");
            return null;
        }
        List<String> argv = argv(s);
        Duration timeout = s.duration("timeout", DEFAULT_TIMEOUT);
        Map<String, String> env = env(s);
        Path workdir = base.resolve(s.string("workdir", ".")).normalize();
        if (!Files.isDirectory(workdir)) {
            s.problem("workdir", "no such directory " + workdir);
        } else if (argv != null) {
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                s.problem("command", "empty; give the trainer's argv, e.g. [python3, trainers/pytorch/train.py, "
                        + "--request, '{request}', --result, '{result}']");
            } else if (argv.stream().noneMatch(a -> a.contains(CommandSettings.RESULT))) {
                s.problem("command", "no " + CommandSettings.RESULT + " placeholder in " + argv
                        + "; the command must be told where to write its result JSON");
            } else if (CommandSettings.program(argv.get(0), workdir).isEmpty()) {
                s.problem("command", "'" + argv.get(0) + "' not found" + (argv.get(0).contains("/")
                        ? " (relative to evaluator.workdir " + workdir + ")" : " on PATH")
                        + " or not executable; install it or give its full path");
            }
        }
        return new CommandConfig(argv == null ? List.of() : argv, timeout, env, workdir.toString());
    }

    /** The settings a worker runs this command with; its files go under {@code evaluations}. */
    public CommandSettings settings(Path evaluations) {
        return CommandSettings.of(command, timeout, env, Path.of(workdir), evaluations);
    }

    private static List<String> argv(ConfigSection s) {
        JsonNode v = s.raw("command");
        if (v == null) {
            s.problem("command", "required with evaluator.kind: command; the trainer's argv, e.g. "
                    + "[python3, trainers/pytorch/train.py, --request, '{request}', --result, '{result}']");
            return null;
        }
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            s.problem("command", "expected a list of strings (the argv), got " + ConfigSection.describe(v));
            return null;
        }
        for (JsonNode e : v) {
            if (!e.isValueNode() || e.isNull()) {
                s.problem("command", "expected a list of strings (the argv), got an element " + ConfigSection.describe(e));
                return null;
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Map<String, String> env(ConfigSection s) {
        JsonNode v = s.raw("env");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            s.problem("env", "expected a mapping of variable names to values, got " + ConfigSection.describe(v));
            return out;
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                s.problem("env." + e.getKey(), "not a valid environment variable name");
            } else if (e.getKey().equals("CUDA_VISIBLE_DEVICES")) {
                s.problem("env.CUDA_VISIBLE_DEVICES", "set per slot by effnas from the worker's --devices; remove it");
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                s.problem("env." + e.getKey(), "expected a string, got " + ConfigSection.describe(e.getValue()));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
