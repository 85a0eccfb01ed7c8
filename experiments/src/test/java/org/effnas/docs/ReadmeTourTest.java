package org.effnas.docs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.effnas.cli.Effnas;
import org.junit.jupiter.api.Test;

/**
 * The README's tour is what a new user copies first: every file it names must be in the repository,
 * and every line must parse as an effnas command with flags that exist.
 */
class ReadmeTourTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LOCAL_FILE = Pattern.compile("[\\w./-]+\\.(yaml|yml|json|py|sh|csv)");

    static List<String> tourLines() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int heading = readme.indexOf("## A short tour");
        assertTrue(heading >= 0, "README has no '## A short tour' section");
        int open = readme.indexOf("```\n", heading);
        int close = readme.indexOf("```", open + 4);
        List<String> lines = new ArrayList<>();
        for (String line : readme.substring(open + 4, close).split("\n")) {
            String command = line.replaceFirst("\\s+#.*$", "").trim();
            if (!command.isEmpty()) {
                lines.add(command);
            }
        }
        return lines;
    }

    @Test
    void everyFileTheTourNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String line : tourLines()) {
            for (String token : line.split("\\s+")) {
                if (LOCAL_FILE.matcher(token).matches() && !Files.isRegularFile(ROOT.resolve(token))) {
                    missing.add(token + " (in: " + line + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "README tour names files not in the repository: " + missing);
    }

    @Test
    void everyTourLineParsesAsAnEffnasCommand() throws IOException {
        List<String> lines = tourLines();
        assertTrue(lines.size() >= 10, "tour lines found: " + lines.size());
        for (String line : lines) {
            assertTrue(line.startsWith("./effnas "), line);
            String[] args = Arrays.stream(line.substring("./effnas ".length()).split("\\s+"))
                    .map(t -> LOCAL_FILE.matcher(t).matches() ? ROOT.resolve(t).toString() : t)
                    .toArray(String[]::new);
            assertDoesNotThrow(() -> Effnas.commandLine().parseArgs(args), line);
        }
    }

    @Test
    void theTourDoesNotRunTheFullSizeExperiment() throws IOException {
        for (String line : tourLines()) {
            assertTrue(!line.contains("fashion-mnist-search.yaml"), "hours on a CPU: " + line);
        }
    }
}
