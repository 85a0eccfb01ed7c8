package org.effnas.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * How well one rung's ranking predicts another's, over the candidates measured at both: Kendall tau
 * (tau-b, ties allowed) and Spearman rho, each with a percentile-bootstrap 95% interval (candidates
 * resampled with replacement, {@value #DEFAULT_RESAMPLES} times, from a fixed seed so a report is
 * reproducible). With fewer than 3 common candidates nothing can be said and both are unknown.
 *
 * @param fromRung  the lower rung
 * @param toRung    the higher rung
 * @param common    candidates measured at both
 */
public record RankAgreement(int fromRung, int toRung, int common, Interval kendall, Interval spearman) {

    public static final int DEFAULT_RESAMPLES = 2000;
    public static final int MIN_CANDIDATES = 3;

    /**
     * The agreement between two rungs' scores, keyed by candidate; only keys present in both with finite
     * scores count.
     */
    public static RankAgreement between(int fromRung, Map<String, Double> from, int toRung, Map<String, Double> to,
                                        int resamples, long seed) {
        List<double[]> pairs = new ArrayList<>();
        from.keySet().stream().sorted().forEach(k -> {
            Double a = from.get(k);
            Double b = to.get(k);
            if (a != null && b != null && Double.isFinite(a) && Double.isFinite(b)) {
                pairs.add(new double[] {a, b});
            }
        });
        if (pairs.size() < MIN_CANDIDATES) {
            return new RankAgreement(fromRung, toRung, pairs.size(), Interval.unknown(), Interval.unknown());
        }
        KendallsCorrelation kendall = new KendallsCorrelation();
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        return new RankAgreement(fromRung, toRung, pairs.size(),
                bootstrap(pairs, kendall::correlation, resamples, seed),
                bootstrap(pairs, spearman::correlation, resamples, seed));
    }

    public static RankAgreement between(int fromRung, Map<String, Double> from, int toRung, Map<String, Double> to) {
        return between(fromRung, from, toRung, to, DEFAULT_RESAMPLES, 12);
    }

    private static Interval bootstrap(List<double[]> pairs, BiFunction<double[], double[], Double> statistic,
                                      int resamples, long seed) {
        int n = pairs.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        double estimate = statistic.apply(x, y);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                bx[i] = x[j];
                by[i] = y[j];
            }
            double v = statistic.apply(bx, by);
            if (!Double.isNaN(v)) { // a resample of one repeated candidate has no ranking
                values[kept++] = v;
            }
        }
        if (kept == 0 || Double.isNaN(estimate)) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        Percentile p = new Percentile();
        p.setData(java.util.Arrays.copyOf(values, kept));
        return new Interval(estimate, p.evaluate(2.5), p.evaluate(97.5));
    }
}
