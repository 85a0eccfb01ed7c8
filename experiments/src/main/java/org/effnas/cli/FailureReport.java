package org.effnas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.config.InvalidConfigException;

/**
 * What a user sees when a command fails: one line and an exit code, never a stack trace. Bad input
 * (an {@link InvalidInputException} anywhere in the cause chain) is exit 2 with its own message; any
 * other failure is exit 1 with a one-line summary, and its full trace goes to {@value #LOG_NAME} in the
 * experiment directory when there is one, else to a file in the temp directory, named in the message.
 * With {@code --verbose} the trace goes to stderr instead.
 */
final class FailureReport {

    /** The file the full trace of a failure is appended to. */
    static final String LOG_NAME = "effnas-error.log";
    /** Longest message quoted on the line (a hostile input could make one huge). */
    private static final int MAX_MESSAGE = 2000;

    private FailureReport() {
    }

    /**
     * Reports {@code failure} on {@code err} and returns the exit code.
     *
     * @param experimentDir where the trace goes, or null when the command has no experiment directory
     */
    static int report(Throwable failure, PrintWriter err, Path experimentDir, boolean verbose) {
        InvalidInputException bad = badInput(failure);
        if (bad != null) {
            // a config's problems are reported together, one line each; anything else is one line
            err.println("effnas: " + (bad instanceof InvalidConfigException ? bad.getMessage() : oneLine(bad.getMessage())));
            if (verbose) {
                failure.printStackTrace(err);
            }
            err.flush();
            return Effnas.EXIT_BAD_INPUT;
        }
        String line = "effnas: failed: " + summary(failure);
        if (verbose) {
            err.println(line);
            failure.printStackTrace(err);
        } else {
            Path log = writeTrace(failure, experimentDir);
            err.println(line + (log == null ? " (run with --verbose for the full trace)"
                    : " (full trace in " + log + ")"));
        }
        err.flush();
        return Effnas.EXIT_FAILED;
    }

    /** The first {@link InvalidInputException} in the cause chain, or null. */
    static InvalidInputException badInput(Throwable t) {
        return cause(t, InvalidInputException.class);
    }

    /** The first throwable of type {@code kind} in the cause chain, or null. */
    static <T extends Throwable> T cause(Throwable t, Class<T> kind) {
        return chain(t).stream().filter(kind::isInstance).map(kind::cast).findFirst().orElse(null);
    }

    /** {@code t} and its causes, outermost first (at most 50, ending at a self-cause). */
    private static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (; t != null && out.size() < 50 && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    /** One line saying what failed: the innermost cause with a message, or the kind of error. */
    static String summary(Throwable t) {
        List<OutOfMemoryError> oom = chain(t).stream().filter(OutOfMemoryError.class::isInstance)
                .map(OutOfMemoryError.class::cast).toList();
        if (!oom.isEmpty()) {
            return "out of memory (" + oneLine(String.valueOf(oom.get(oom.size() - 1).getMessage()))
                    + "); give the JVM more memory (EFFNAS_JAVA_OPTS=\"-Xmx8g ...\") or use a smaller network, "
                    + "batch or dataset";
        }
        if (t instanceof StackOverflowError) {
            return "stack overflow; the input is nested too deeply";
        }
        Throwable outer = t;
        // picocli and executors wrap the real failure; its message is the informative one
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t.getMessage().equals(String.valueOf(t.getCause())) || isWrapper(t))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName() + (t == outer ? "" : " in " + outer.getClass().getSimpleName());
        }
        String text = oneLine(m);
        return t instanceof RuntimeException && !(t instanceof java.io.UncheckedIOException)
                && !(t instanceof IllegalStateException) && !(t instanceof IllegalArgumentException)
                ? t.getClass().getSimpleName() + ": " + text : text;
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.equals("picocli.CommandLine$ExecutionException")
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException;
    }

    /** The first line of a message, at most {@value #MAX_MESSAGE} characters. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String first = (nl < 0 ? s : s.substring(0, nl)).strip();
        return first.length() <= MAX_MESSAGE ? first : first.substring(0, MAX_MESSAGE) + "...";
    }

    /** Appends the trace to the experiment directory's log, else to a temp file; null when neither works. */
    private static Path writeTrace(Throwable failure, Path experimentDir) {
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("---- " + Instant.now() + " pid " + ProcessHandle.current().pid());
            failure.printStackTrace(w);
        }
        byte[] bytes = trace.toString().getBytes(StandardCharsets.UTF_8);
        if (experimentDir != null && Files.isDirectory(experimentDir)) {
            Path log = experimentDir.resolve(LOG_NAME);
            try {
                Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return log;
            } catch (IOException | RuntimeException e) {
                // fall back to the temp directory
            }
        }
        try {
            Path log = Files.createTempFile("effnas-error-", ".log");
            Files.write(log, bytes);
            return log;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
