package org.effnas.progress;

import java.io.PrintStream;
import java.util.function.IntSupplier;
import org.effnas.search.ProgressListener;
import org.effnas.search.SearchProgress;

/**
 * Shows a running phase to a person: on a terminal one line rewritten in place with a carriage
 * return; elsewhere (a log, CI) a line every {@code logEverySeconds} and one at the end. Listens to
 * search-core's {@link ProgressListener}, which the runner calls after every result and about once a
 * second; the worker count is read live (cluster workers come and go).
 */
public final class LiveProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private final double logEverySeconds;
    private final String phase;
    private final boolean surrogate;
    private final IntSupplier workers;
    private final int columns;
    private double lastLogged = Double.NEGATIVE_INFINITY;
    private int lastWidth;

    private LiveProgress(PrintStream out, boolean terminal, double logEverySeconds, String phase, boolean surrogate,
                         IntSupplier workers, int columns) {
        this.out = out;
        this.columns = columns;
        this.terminal = terminal;
        this.logEverySeconds = logEverySeconds;
        this.phase = phase;
        this.surrogate = surrogate;
        this.workers = workers;
    }

    /** Seconds between two progress lines in a log (not a terminal), the same for every command. */
    public static final double LOG_EVERY_SECONDS = 10;

    /**
     * @param terminal        rewrite one line in place (use {@link #isTerminal()})
     * @param logEverySeconds when not on a terminal, at most one line per this many seconds
     */
    public static LiveProgress of(PrintStream out, boolean terminal, double logEverySeconds, String phase,
                                  boolean surrogate, IntSupplier workers) {
        return of(out, terminal, logEverySeconds, phase, surrogate, workers,
                terminal ? TerminalWidth.columns() : Integer.MAX_VALUE);
    }

    /** @param columns the widest a line may be on a terminal */
    public static LiveProgress of(PrintStream out, boolean terminal, double logEverySeconds, String phase,
                                  boolean surrogate, IntSupplier workers, int columns) {
        return new LiveProgress(out, terminal, logEverySeconds, phase, surrogate, workers, columns);
    }

    /** Whether standard output is an interactive terminal. */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    @Override
    public synchronized void progress(SearchProgress p) {
        String line = line(p);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            out.flush();
            lastWidth = line.length();
        } else if (p.elapsedSeconds() - lastLogged >= logEverySeconds) {
            out.println(line);
            lastLogged = p.elapsedSeconds();
        }
    }

    @Override
    public synchronized void message(String line) {
        endLine();
        out.println(line);
    }

    @Override
    public synchronized void finished(SearchProgress last) {
        if (terminal) {
            progress(last);
            endLine();
        } else {
            out.println(line(last));
        }
    }

    private String line(SearchProgress p) {
        return terminal ? ProgressLine.format(phase, surrogate, workers.getAsInt(), p, columns)
                : ProgressLine.format(phase, surrogate, workers.getAsInt(), p);
    }

    private void endLine() {
        if (terminal && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }
}
