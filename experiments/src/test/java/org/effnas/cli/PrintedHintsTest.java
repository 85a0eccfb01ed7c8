package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.effnas.config.ConfigLoader;
import org.effnas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every hint the code prints names keys and flags that exist: the string literals of every module's
 * main sources are scanned for config keys ({@code grid.enabled}, {@code training.steps}) and flags
 * ({@code --resume}); each key must be known to the config schema and each flag must be an option of
 * some effnas command.
 */
class PrintedHintsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern KEY = Pattern.compile(
            "(?<![\\w./-])((?:dataset|space|reward|strategy|training|evaluator|grid|family|cluster)"
                    + "(?:\\.[a-z][a-z_]*)+)(?![\\w/(-]|\\.[a-z])");
    /** Recipe fields a refused worker is told about: they name what differs, no setting to change. */
    private static final Set<String> RECIPE_FIELDS = Set.of("evaluator.version");
    /** grid.csv, family.html: files of an experiment directory, not keys. */
    private static final Pattern FILE_NAME = Pattern.compile("\\.(csv|html|json|jsonl|yaml|png|zip|onnx|secret)$");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]+)");
    /** Flags of other programs that hints and help mention on purpose. */
    private static final Set<String> OTHER_PROGRAMS = Set.of(
            "add-modules", "add-opens", // java's own flags
            "request", "result", // the sample PyTorch trainer's argv (evaluator: command)
            "help", "version");

    private static List<String> literals() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("/src/main/java/") && !p.toString().contains("/target/")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.trim().startsWith("//") || line.trim().startsWith("*")) {
                        continue;
                    }
                    Matcher m = LITERAL.matcher(line);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> allOptions(CommandLine cl, Set<String> into) {
        cl.getCommandSpec().options().forEach(o -> {
            for (String n : o.names()) {
                into.add(n.replaceFirst("^--?", ""));
            }
        });
        cl.getSubcommands().values().forEach(sub -> allOptions(sub, into));
        return into;
    }

    @Test
    void everyConfigKeyInAHintIsKnownToTheSchema() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String s : literals()) {
            Matcher m = KEY.matcher(s);
            while (m.find()) {
                if (!FILE_NAME.matcher(m.group(1)).find() && !RECIPE_FIELDS.contains(m.group(1))) {
                    keys.add(m.group(1));
                }
            }
        }
        assertTrue(keys.contains("grid.enabled") && keys.contains("training.steps"), "scan found: " + keys);
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split("\\.");
            StringBuilder yaml = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                yaml.append("  ".repeat(i)).append(parts[i]).append(i == parts.length - 1 ? ": 1\n" : ":\n");
            }
            try {
                ConfigLoader.parse(yaml.toString(), "hint.yaml", Path.of("."), "runs/hint");
            } catch (InvalidConfigException e) {
                if (e.getMessage().contains("unknown key")) {
                    unknown.add(key + " -> " + e.getMessage());
                }
            }
        }
        assertTrue(unknown.isEmpty(), "hints name keys the config does not have:\n" + String.join("\n", unknown));
    }

    @Test
    void everyFlagInAHintIsAnOptionOfSomeCommand() throws IOException {
        Set<String> options = allOptions(Effnas.commandLine(), new TreeSet<>());
        Set<String> missing = new TreeSet<>();
        int flags = 0;
        for (String s : literals()) {
            Matcher m = FLAG.matcher(s);
            while (m.find()) {
                flags++;
                String flag = m.group(1);
                if (!options.contains(flag) && !OTHER_PROGRAMS.contains(flag)) {
                    missing.add("--" + flag + " in \"" + s + "\"");
                }
            }
        }
        assertTrue(flags > 20, "flags found: " + flags);
        assertTrue(missing.isEmpty(), "hints name flags no command has:\n" + String.join("\n", missing));
    }
}
