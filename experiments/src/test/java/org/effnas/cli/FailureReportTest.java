package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureReportTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int report(Throwable t, Path experimentDir, boolean verbose) {
        return FailureReport.report(t, new PrintWriter(err, true), experimentDir, verbose);
    }

    private List<String> lines() {
        return err.toString().strip().lines().toList();
    }

    @Test
    void badInputAnywhereInTheCauseChainIsExit2WithItsOwnLine() {
        RuntimeException wrapped = new RuntimeException("wrapper", new InvalidInputException("spec.yaml: resolution: bad"));
        assertEquals(Effnas.EXIT_BAD_INPUT, report(wrapped, dir, false));
        assertEquals(List.of("effnas: spec.yaml: resolution: bad"), lines());
        assertFalse(Files.exists(dir.resolve(FailureReport.LOG_NAME)), "bad input needs no trace");
    }

    @Test
    void aConfigsProblemsAreListedOnePerLine() {
        assertEquals(Effnas.EXIT_BAD_INPUT, report(new InvalidConfigException("c.yaml", List.of("a: x", "b: y")), dir, false));
        assertEquals(List.of("effnas: c.yaml: 2 problems", "a: x", "b: y"), lines().stream().map(String::strip).toList());
    }

    @Test
    void aFailureIsOneLineAndItsTraceGoesToTheExperimentDirectory() throws IOException {
        Exception failure = new IllegalStateException("the evaluator died\nsecond line",
                new UncheckedIOException("journal x: cannot append", new IOException("No space left on device")));
        assertEquals(Effnas.EXIT_FAILED, report(failure, dir, false));
        Path log = dir.resolve(FailureReport.LOG_NAME);
        assertEquals(List.of("effnas: failed: the evaluator died (full trace in " + log + ")"), lines());
        String trace = Files.readString(log);
        assertTrue(trace.contains("IllegalStateException") && trace.contains("\tat ")
                && trace.contains("No space left on device"), trace);
    }

    @Test
    void withoutAnExperimentDirectoryTheTraceGoesToATempFileNamedInTheMessage() throws IOException {
        assertEquals(Effnas.EXIT_FAILED, report(new NullPointerException(), null, false));
        String line = lines().get(0);
        assertEquals(1, lines().size());
        assertTrue(line.startsWith("effnas: failed: NullPointerException (full trace in "), line);
        Path log = Path.of(line.substring(line.indexOf("full trace in ") + 14, line.length() - 1));
        assertTrue(Files.readString(log).contains("NullPointerException"));
        Files.delete(log);
    }

    @Test
    void verbosePutsTheTraceOnStderr() {
        assertEquals(Effnas.EXIT_FAILED, report(new IllegalStateException("boom"), dir, true));
        assertTrue(err.toString().startsWith("effnas: failed: boom\n") && err.toString().contains("\tat "), err.toString());
        assertFalse(Files.exists(dir.resolve(FailureReport.LOG_NAME)));
    }

    @Test
    void outOfMemoryIsSaidPlainly() {
        assertEquals(Effnas.EXIT_FAILED, report(new OutOfMemoryError("Java heap space"), dir, false));
        assertTrue(lines().get(0).startsWith("effnas: failed: out of memory (Java heap space); give the JVM more memory"),
                lines().get(0));
    }

    @Test
    void anErrorThrownByACommandIsCaughtByTheTopLevelHandler() {
        // picocli passes Errors through; Effnas.execute still turns them into one line and exit 1
        picocli.CommandLine cl = new picocli.CommandLine(new Thrower());
        cl.setErr(new PrintWriter(err, true));
        assertEquals(Effnas.EXIT_FAILED, Effnas.execute(cl));
        assertEquals(1, lines().size(), err.toString());
        assertTrue(lines().get(0).startsWith("effnas: failed: stack overflow"), err.toString());
    }

    @picocli.CommandLine.Command(name = "thrower")
    static final class Thrower implements Runnable {
        @Override
        public void run() {
            throw new StackOverflowError();
        }
    }
}
