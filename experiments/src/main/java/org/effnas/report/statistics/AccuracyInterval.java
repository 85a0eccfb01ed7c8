package org.effnas.report.statistics;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * A model's accuracy with a 95% interval that never leaves [0, 1]: the Wilson score interval for a
 * single evaluation, Student's t over seeds (clipped, and at least as wide as the pooled images'
 * Wilson interval) for several. Each accuracy is a share of {@code images} evaluation images.
 *
 * @param mean   mean accuracy over the seeds; NaN when nothing succeeded
 * @param low    lower end of the interval; NaN when there is none
 * @param high   upper end
 * @param seeds  successful evaluations (seeds) behind the mean
 * @param images evaluation images per evaluation (the minival size n); 0 when unknown
 */
public record AccuracyInterval(double mean, double low, double high, int seeds, int images, IntervalMethod method) {

    /** Two-sided confidence level of every interval in the report. */
    public static final double LEVEL = 0.95;

    public AccuracyInterval {
        if (seeds < 0 || images < 0) {
            throw new IllegalArgumentException("seeds and images must be >= 0, got " + seeds + ", " + images);
        }
        if (!Double.isNaN(low) && !(0 <= low && low <= high && high <= 1)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is not inside [0, 1]");
        }
    }

    /** The interval of the successful evaluations' accuracies, each over {@code images} images (0 = unknown). */
    public static AccuracyInterval of(List<Double> accuracies, int images) {
        List<Double> ok = accuracies.stream().filter(a -> a != null && Double.isFinite(a)).toList();
        int k = ok.size();
        if (k == 0) {
            return new AccuracyInterval(Double.NaN, Double.NaN, Double.NaN, 0, images, IntervalMethod.NONE);
        }
        double mean = ok.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (k == 1) {
            if (images == 0) {
                return new AccuracyInterval(mean, Double.NaN, Double.NaN, 1, 0, IntervalMethod.NONE);
            }
            double[] w = wilson(images, mean);
            return new AccuracyInterval(mean, Math.min(w[0], clip(mean)), Math.max(w[1], clip(mean)), 1, images,
                    IntervalMethod.WILSON);
        }
        double ss = ok.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        double half = new TDistribution(k - 1).inverseCumulativeProbability(0.5 + LEVEL / 2)
                * Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
        double low = clip(mean - half);
        double high = clip(mean + half);
        if (images > 0) {
            double[] w = wilson((long) images * k, mean);
            low = Math.min(low, w[0]);
            high = Math.max(high, w[1]);
        }
        return new AccuracyInterval(mean, low, high, k, images, IntervalMethod.T_CLIPPED);
    }

    /** The Wilson interval of a share {@code p} of {@code trials} (correct answers rounded to whole images). */
    private static double[] wilson(long trials, double p) {
        long successes = Math.max(0, Math.min(trials, Math.round(p * trials)));
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval((int) Math.min(Integer.MAX_VALUE, trials),
                (int) successes, LEVEL);
        return new double[] {clip(ci.getLowerBound()), clip(ci.getUpperBound())};
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    public boolean measured() {
        return seeds > 0;
    }

    /**
     * Whether the two accuracies cannot be told apart at this level: their intervals overlap (or one
     * of them has no interval, so nothing says they differ).
     */
    public boolean overlaps(AccuracyInterval other) {
        if (!hasInterval() || !other.hasInterval()) {
            return true;
        }
        return low <= other.high && other.low <= high;
    }

    /** {@code 97.22% (95% CI 85.8-99.5%)}. */
    public String text() {
        if (!measured()) {
            return "-";
        }
        return hasInterval() ? String.format(Locale.ROOT, "%.2f%% (95%% CI %.1f-%.1f%%)", mean * 100, low * 100, high * 100)
                : String.format(Locale.ROOT, "%.2f%%", mean * 100);
    }

    /** {@code n = 18 images x 2 seeds}, or {@code n unknown}. */
    public String countText() {
        String n = images > 0 ? "n = " + images + " images" : "n unknown";
        return seeds > 1 ? n + " x " + seeds + " seeds" : n;
    }
}
