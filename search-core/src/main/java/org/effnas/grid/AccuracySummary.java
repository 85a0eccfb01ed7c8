package org.effnas.grid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.effnas.search.Observation;

/**
 * Accuracy over repeated seeds: mean, sample standard deviation and a two-sided 95% confidence
 * interval of the mean from Student's t distribution (commons-math3). With one value the deviation
 * and interval are NaN (undefined), with none the mean is NaN too.
 *
 * @param n       successful evaluations summarised
 * @param failed  evaluations that failed (not in the statistics)
 */
public record AccuracySummary(int n, int failed, double mean, double std, double ciLow, double ciHigh) {

    public static AccuracySummary of(List<Double> accuracies, int failed) {
        int n = accuracies.size();
        if (n == 0) {
            return new AccuracySummary(0, failed, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new AccuracySummary(1, failed, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        double std = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        double half = t * std / Math.sqrt(n);
        return new AccuracySummary(n, failed, mean, std, mean - half, mean + half);
    }

    /** Summaries of every spec in a list of observations, keyed by the spec's canonical form. */
    public static Map<String, AccuracySummary> bySpec(List<Observation> observations) {
        Map<String, List<Double>> ok = new HashMap<>();
        Map<String, Integer> failed = new HashMap<>();
        for (Observation o : observations) {
            String key = o.candidate().specKey();
            ok.computeIfAbsent(key, k -> new ArrayList<>());
            if (o.result().ok() && Double.isFinite(o.accuracy())) {
                ok.get(key).add(o.accuracy());
            } else {
                failed.merge(key, 1, Integer::sum);
            }
        }
        Map<String, AccuracySummary> out = new HashMap<>();
        ok.forEach((key, values) -> out.put(key, of(values, failed.getOrDefault(key, 0))));
        return out;
    }

    /** The summary of a spec never evaluated. */
    public static AccuracySummary none() {
        return new AccuracySummary(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** True when at least one evaluation succeeded. */
    public boolean measured() {
        return n > 0;
    }
}
