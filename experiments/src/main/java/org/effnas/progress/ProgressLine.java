package org.effnas.progress;

import java.util.Arrays;
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

    /**
     * @param workers the evaluation slots: at most this many are shown running, the rest of the
     *                in-flight candidates as queued
     */
    public static String format(String phase, boolean surrogate, int workers, SearchProgress p) {
        return String.join("", parts(phase, surrogate, workers, p));
    }

    /**
     * The line fitted to {@code columns} (one column is kept free so a terminal never wraps it): the
     * least telling parts go first (the worker count, the best result's details, the cached, queued,
     * running and failed counts, the best reward, the elapsed time), so that an 80-column terminal still
     * shows done/total and the ETA; only a line that is still too wide is cut, ending in {@code ...}.
     */
    public static String format(String phase, boolean surrogate, int workers, SearchProgress p, int columns) {
        int room = Math.max(4, columns - 1);
        double etaSeconds = p.etaSeconds();
        String[] parts = parts(phase, surrogate, workers, p);
        for (int drop : DROP_ORDER) {
            String line = String.join("", parts);
            if (line.length() <= room) {
                return line;
            }
            parts[drop] = drop == TIME && Double.isFinite(etaSeconds) ? " | ETA " + clock(etaSeconds) : "";
        }
        String line = String.join("", parts);
        return line.length() <= room ? line : line.substring(0, room - 3) + "...";
    }

    // the parts of a line, in the order shown
    private static final int HEAD = 0;
    private static final int RUNNING = 1;
    private static final int QUEUED = 2;
    private static final int FAILED = 3;
    private static final int CACHED = 4;
    private static final int BEST = 5;
    private static final int BEST_DETAIL = 6;
    private static final int WORKERS = 7;
    private static final int TIME = 8;
    /** Which part goes first when a line is too wide; the head (phase, done/total) always stays. */
    private static final int[] DROP_ORDER = {WORKERS, BEST_DETAIL, CACHED, QUEUED, RUNNING, FAILED, BEST, TIME};

    private static String[] parts(String phase, boolean surrogate, int workers, SearchProgress p) {
        double etaSeconds = p.etaSeconds();
        String[] parts = new String[TIME + 1];
        Arrays.fill(parts, "");
        StringBuilder head = new StringBuilder();
        if (surrogate) {
            head.append("SURROGATE ");
        }
        head.append('[').append(phase).append("] ").append(p.done());
        if (p.total() >= 0) {
            head.append('/').append(p.total());
        }
        parts[HEAD] = head.append(" done").toString();
        int running = Math.min(p.inFlight(), Math.max(0, workers));
        parts[RUNNING] = " | " + running + " running";
        if (p.inFlight() > running) {
            parts[QUEUED] = " | " + (p.inFlight() - running) + " queued";
        }
        parts[FAILED] = " | " + p.failures() + " failed";
        if (p.cached() > 0) {
            parts[CACHED] = " | " + p.cached() + " cached";
        }
        p.best().ifPresent(o -> {
            parts[BEST] = String.format(Locale.ROOT, " | best reward %.4f", o.rewardOrWorst());
            parts[BEST_DETAIL] = String.format(Locale.ROOT, " (top1 %.2f%%, %s MACs)", o.accuracy() * 100, count(o.macs()));
        });
        parts[WORKERS] = " | " + workers + (workers == 1 ? " worker" : " workers");
        parts[TIME] = " | " + clock(p.elapsedSeconds()) + " elapsed"
                + (Double.isFinite(etaSeconds) ? ", ETA " + clock(etaSeconds) : "");
        return parts;
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
