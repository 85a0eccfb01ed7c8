package org.effnas.worker.batchnorm;

/**
 * Per-channel mean and (biased) variance of everything a batch-norm layer saw over several
 * batches, pooled exactly from each batch's mean and variance (Chan et al.'s parallel update), so
 * unequal batch sizes and shifted means are handled without bias.
 */
final class PopulationStatistics {

    private final double[] mean;
    private final double[] m2;
    private long count;

    PopulationStatistics(int channels) {
        this.mean = new double[channels];
        this.m2 = new double[channels];
    }

    /** Adds one batch: its per-channel means and biased variances over {@code n} values each. */
    void add(double[] batchMean, double[] batchVar, long n) {
        if (batchMean.length != mean.length || batchVar.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " channels, got "
                    + batchMean.length + " means and " + batchVar.length + " variances");
        }
        long total = count + n;
        for (int c = 0; c < mean.length; c++) {
            double delta = batchMean[c] - mean[c];
            mean[c] += delta * n / total;
            m2[c] += batchVar[c] * n + delta * delta * count * n / total;
        }
        count = total;
    }

    /** Values seen per channel. */
    long count() {
        return count;
    }

    double[] mean() {
        return mean.clone();
    }

    /** Biased (population) variance, as batch norm's training forward pass uses. */
    double[] variance() {
        double[] v = new double[m2.length];
        for (int c = 0; c < v.length; c++) {
            v[c] = count == 0 ? 0 : m2[c] / count;
        }
        return v;
    }
}
