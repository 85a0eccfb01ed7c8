package org.effnas.trust;

import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * The spread of one evaluation: the pooled standard deviation of a metric over seeds of the same
 * architecture and budget, {@code sqrt(sum (n_i - 1) s_i^2 / sum (n_i - 1))} over the groups with at
 * least two seeds. Two candidates closer than about twice this are not reliably ordered by one
 * evaluation each.
 *
 * @param standardDeviation NaN when no group had two seeds
 * @param groups            architectures with at least two seeds
 * @param degreesOfFreedom  {@code sum (n_i - 1)}
 */
public record NoiseFloor(double standardDeviation, int groups, int degreesOfFreedom) {

    /** From groups of replicate values (one group per architecture; groups of one are ignored). */
    public static NoiseFloor of(Collection<List<Double>> replicates) {
        double sum = 0;
        int dof = 0;
        int groups = 0;
        Variance variance = new Variance(true);
        for (List<Double> g : replicates) {
            double[] v = g.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
            if (v.length < 2) {
                continue;
            }
            sum += (v.length - 1) * variance.evaluate(v);
            dof += v.length - 1;
            groups++;
        }
        return new NoiseFloor(dof == 0 ? Double.NaN : Math.sqrt(sum / dof), groups, dof);
    }

    public boolean known() {
        return !Double.isNaN(standardDeviation);
    }
}
