package org.effnas.progress;

import java.util.Locale;
import org.effnas.search.SearchProgress;

/**
 * The text of one progress line of a pipeline phase, e.g.
 * {@code [search evolution] 12/20 done | 2 running | 1 failed | best reward 0.8412 (top1 86.20%, 9.9M MACs) | 2 workers | 03:12 elapsed, ETA 02:05}.
 * A SURROGATE run says so at the start of every line.
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    public static String format(String phase, boolean surrogate, int workers, SearchProgress p) {
        StringBuilder b = new StringBuilder();
        if (surrogate) {
            b.append("SURROGATE ");
        }
        b.append('[').append(phase).append("] ").append(p.done());
        if (p.total() >= 0) {
            b.append('/').append(p.total());
        }
        b.append(" done | ").append(p.inFlight()).append(" running | ").append(p.failures()).append(" failed");
        if (p.cached() > 0) {
            b.append(" | ").append(p.cached()).append(" cached");
        }
        p.best().ifPresent(o -> b.append(String.format(Locale.ROOT, " | best reward %.4f (top1 %.2f%%, %s MACs)",
                o.rewardOrWorst(), o.accuracy() * 100, count(o.macs()))));
        b.append(" | ").append(workers).append(workers == 1 ? " worker" : " workers");
        b.append(" | ").append(clock(p.elapsedSeconds())).append(" elapsed");
        if (Double.isFinite(p.etaSeconds())) {
            b.append(", ETA ").append(clock(p.etaSeconds()));
        }
        return b.toString();
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
