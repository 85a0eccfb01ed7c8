package org.effnas.progress;

import java.util.Locale;
import org.effnas.search.SearchProgress;

/**
 * The text of one progress line of a pipeline phase, e.g.
 * {@code [search evolution] 12/20 done | 2 running | 1 queued | 1 failed | best reward 0.8412 (top1 86.20%, 9.9M MACs) | 2 workers | 03:12 elapsed, ETA 02:05}.
 * A SURROGATE run says so at the start of every line. "running" is capped at the evaluation slots;
 * candidates handed out beyond them (a cluster queue) show as "queued".
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    public static String format(String phase, boolean surrogate, int workers, SearchProgress p) {
        return format(phase, surrogate, workers, p, p.etaSeconds());
    }

    /**
     * @param workers    the evaluation slots: at most this many are shown running, the rest of the
     *                   in-flight candidates as queued
     * @param etaSeconds the time left to show (NaN: none)
     */
    public static String format(String phase, boolean surrogate, int workers, SearchProgress p, double etaSeconds) {
        StringBuilder b = new StringBuilder();
        if (surrogate) {
            b.append("SURROGATE ");
        }
        b.append('[').append(phase).append("] ").append(p.done());
        if (p.total() >= 0) {
            b.append('/').append(p.total());
        }
        int running = Math.min(p.inFlight(), Math.max(0, workers));
        b.append(" done | ").append(running).append(" running");
        if (p.inFlight() > running) {
            b.append(" | ").append(p.inFlight() - running).append(" queued");
        }
        b.append(" | ").append(p.failures()).append(" failed");
        if (p.cached() > 0) {
            b.append(" | ").append(p.cached()).append(" cached");
        }
        p.best().ifPresent(o -> b.append(String.format(Locale.ROOT, " | best reward %.4f (top1 %.2f%%, %s MACs)",
                o.rewardOrWorst(), o.accuracy() * 100, count(o.macs()))));
        b.append(" | ").append(workers).append(workers == 1 ? " worker" : " workers");
        b.append(" | ").append(clock(p.elapsedSeconds())).append(" elapsed");
        if (Double.isFinite(etaSeconds)) {
            b.append(", ETA ").append(clock(etaSeconds));
        }
        return b.toString();
    }

    /**
     * The line cut to fit {@code columns} (one column is kept free so a terminal never wraps it),
     * ending in {@code ...} when cut; plain ASCII, so no character is split.
     */
    public static String fit(String line, int columns) {
        int room = Math.max(4, columns - 1);
        return line.length() <= room ? line : line.substring(0, room - 3) + "...";
    }

    /** 9_870_000 as {@code 9.87M}. */
    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fG", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        }
        return Long.toString(n);
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
