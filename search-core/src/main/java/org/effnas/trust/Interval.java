package org.effnas.trust;

/**
 * An estimate with a 95% interval.
 *
 * @param low  2.5th percentile of the bootstrap distribution (NaN when it could not be computed)
 * @param high 97.5th percentile
 */
public record Interval(double estimate, double low, double high) {

    public static Interval unknown() {
        return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean known() {
        return !Double.isNaN(estimate);
    }

    @Override
    public String toString() {
        return known() ? String.format(java.util.Locale.ROOT, "%.2f [%.2f, %.2f]", estimate, low, high) : "n/a";
    }
}
