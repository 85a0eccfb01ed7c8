package org.effnas.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.effnas.InvalidInputException;
import org.effnas.cli.Effnas;

/** The contract every hostile input must keep: success, or exit 2 with one line naming the file or key. */
public final class Outcomes {

    /** Cases that succeeded and cases that were refused, so a suite can check it exercised both. */
    public static final java.util.concurrent.atomic.AtomicInteger ACCEPTED = new java.util.concurrent.atomic.AtomicInteger();
    public static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();

    /** The most one case may take (most take milliseconds). */
    public static final Duration BOUND = Duration.ofSeconds(20);

    private Outcomes() {
    }

    /** One in-process CLI run with stdout and stderr captured. */
    public record Run(int exitCode, String out, String err) {
    }

    /** Runs the CLI's own entry point, top-level handler included, within {@link #BOUND}. */
    public static Run cli(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            picocli.CommandLine cl = Effnas.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = Effnas.execute(cl, args);
            return new Run(code, out.toString(), err.toString());
        }, () -> "no answer within " + BOUND + ": " + String.join(" ", args));
    }

    /**
     * Exit 0, or exit 2 with exactly one line (a config's problems: a header line and one line per
     * problem) that names {@code name}; never a stack trace.
     */
    public static void assertSuccessOrBadInput(Run r, String name, String input) {
        String context = "input:\n" + input + "\nstderr:\n" + r.err();
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"), context);
        if (r.exitCode() == Effnas.EXIT_OK) {
            ACCEPTED.incrementAndGet();
            return;
        }
        REFUSED.incrementAndGet();
        assertEquals(Effnas.EXIT_BAD_INPUT, r.exitCode(), context);
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("effnas: ") && lines.get(0).contains(name), context);
        if (lines.size() > 1) {
            assertTrue(lines.get(0).matches(".*: \\d+ problems$")
                    && lines.subList(1, lines.size()).stream().allMatch(l -> l.startsWith("  ") && l.contains(": ")),
                    "one line, or a config's problems one per line: " + context);
        }
    }

    /**
     * A parser called directly: it returns, or throws an {@link InvalidInputException} whose message is
     * one line naming {@code name}; anything else (another exception, an Error, a hang) fails.
     */
    public static <T> T assertParsesOrRefuses(Supplier<T> parser, String name, String input) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try {
                T parsed = parser.get();
                ACCEPTED.incrementAndGet();
                return parsed;
            } catch (InvalidInputException bad) {
                REFUSED.incrementAndGet();
                String m = bad.getMessage();
                boolean configList = m.matches("(?s).*: \\d+ problems\\R.*");
                assertTrue(configList || !m.contains("\n"), "one line: " + m + "\ninput:\n" + input);
                assertTrue(m.contains(name), "names " + name + ": " + m + "\ninput:\n" + input);
                return null;
            } catch (Throwable other) {
                fail("not a clean refusal: " + other + "\ninput:\n" + input, other);
                return null;
            }
        }, () -> "no answer within " + BOUND + "\ninput:\n" + input);
    }
}
