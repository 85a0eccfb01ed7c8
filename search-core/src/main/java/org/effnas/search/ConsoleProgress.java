package org.effnas.search;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints progress for people: on a terminal one live line rewritten with a carriage return; otherwise
 * (logs, CI) one line every {@code logEverySeconds}, plus the final state.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean tty;
    private final double logEverySeconds;
    private final String label;
    private double lastLogged = Double.NEGATIVE_INFINITY;
    private int lastWidth;

    private ConsoleProgress(PrintStream out, boolean tty, double logEverySeconds, String label) {
        this.out = out;
        this.tty = tty;
        this.logEverySeconds = logEverySeconds;
        this.label = label;
    }

    /**
     * @param label leads every line, e.g. {@code search [SURROGATE]}
     */
    public static ConsoleProgress of(PrintStream out, boolean tty, double logEverySeconds, String label) {
        return new ConsoleProgress(out, tty, logEverySeconds, label);
    }

    @Override
    public synchronized void progress(SearchProgress p) {
        if (tty) {
            String line = format(label, p);
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            out.flush();
            lastWidth = line.length();
        } else if (p.elapsedSeconds() - lastLogged >= logEverySeconds) {
            out.println(format(label, p));
            lastLogged = p.elapsedSeconds();
        }
    }

    @Override
    public synchronized void message(String line) {
        if (tty && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
        out.println(line);
    }

    @Override
    public synchronized void finished(SearchProgress last) {
        if (tty) {
            progress(last);
            out.println();
            lastWidth = 0;
        } else {
            out.println(format(label, last));
        }
    }

    /** One progress line, e.g. {@code search [SURROGATE] 40/100 | 4 running | 1 failed | best reward 0.8123 (top1 0.8311, 12.3M MACs) | 00:41 elapsed, ETA 01:02}. */
    public static String format(String label, SearchProgress p) {
        StringBuilder b = new StringBuilder(label).append(' ');
        b.append(p.done()).append(p.total() >= 0 ? "/" + p.total() : "").append(" done | ")
                .append(p.inFlight()).append(" running | ")
                .append(p.failures()).append(" failed");
        if (p.cached() > 0) {
            b.append(" | ").append(p.cached()).append(" cached");
        }
        p.best().ifPresent(o -> b.append(String.format(Locale.ROOT, " | best reward %.4f (top1 %.4f, %s MACs)",
                o.reward().getAsDouble(), o.accuracy(), humanCount(o.macs()))));
        b.append(" | ").append(clock(p.elapsedSeconds())).append(" elapsed");
        if (Double.isFinite(p.etaSeconds())) {
            b.append(", ETA ").append(clock(p.etaSeconds()));
        }
        return b.toString();
    }

    /** 1234567 -> 1.23M. */
    public static String humanCount(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fG", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return Long.toString(n);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
