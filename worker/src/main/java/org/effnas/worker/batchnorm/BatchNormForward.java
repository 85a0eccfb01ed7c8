package org.effnas.worker.batchnorm;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of batch norm followed by swish, ReLU or identity, in two sweeps per channel
 * instead of the six full passes that composing ND4J ops takes (mean, centring, norm, the
 * {@code batchnorm} op, sigmoid, multiply). Sweep one measures the channel's mean and biased
 * variance (per row in two passes while the row is in cache, rows pooled in double); sweep two writes the output (and, for swish, the sigmoid the backward pass needs). A
 * channel is one task on the common fork-join pool, so its values are still in that core's cache for
 * the second sweep. Values move row by row ({@link ChannelRows}) into Java arrays, where
 * {@link RowKernels} does the arithmetic. Arrays must be dense c-order NCHW floats ({@link #supports}).
 */
final class BatchNormForward {

    private static final RowKernels KERNELS = RowKernels.best();

    private BatchNormForward() {
    }

    /** Whether the kernel can read and write these arrays directly. */
    static boolean supports(INDArray... arrays) {
        return DenseFloatView.supports(arrays);
    }

    /** Which row arithmetic this JVM runs ("vector8", "scalar"). */
    static String kernels() {
        return KERNELS.describe();
    }

    /**
     * Normalises with the batch's own statistics (training, or measuring population statistics).
     *
     * @param mean   receives each channel's batch mean
     * @param var    receives each channel's biased batch variance
     * @param invStd receives 1 / sqrt(var + eps)
     * @param sig    receives sigmoid(z) for swish; null when not needed
     * @param out    receives the activation of z = gamma * (x - mean) * invStd + beta
     */
    static void withBatchStatistics(BatchNormBackward.Activation act, INDArray x, float[] gamma, float[] beta,
                                    double eps, double[] mean, double[] var, float[] invStd,
                                    INDArray sig, INDArray out) {
        ChannelRows rows = new ChannelRows(x);
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView sv = sig == null ? null : new DenseFloatView(sig);
        DenseFloatView ov = new DenseFloatView(out);
        double m = rows.valuesPerChannel();
        IntStream.range(0, rows.channels).parallel().forEach(c -> {
            float[] in = new float[rows.longest()];
            // Each row's mean and squared deviations in two passes (RowKernels.moments), pooled over rows
            // with Chan's formula in double: no E[x^2] - E[x]^2 step anywhere, so a channel whose mean is
            // far larger than its spread keeps its digits
            double[] row = new double[2];
            double count = 0;
            double mu = 0;
            double m2 = 0;
            for (int r = 0; r < rows.rows(); r++) {
                int len = rows.length(r);
                xv.read(rows.start(c, r), in, len);
                KERNELS.moments(in, len, row);
                double total = count + len;
                double delta = row[0] - mu;
                mu += delta * len / total;
                m2 += row[1] + delta * delta * count * len / total;
                count = total;
            }
            double v = m2 / m;
            mean[c] = mu;
            var[c] = v;
            invStd[c] = (float) (1 / Math.sqrt(v + eps));
            normalise(act, rows, c, xv, sv, ov, in, (float) mean[c], invStd[c], gamma[c], beta[c]);
        });
    }

    /** Normalises with given statistics (inference with the running mean and variance). */
    static void withGivenStatistics(BatchNormBackward.Activation act, INDArray x, float[] mean, float[] invStd,
                                    float[] gamma, float[] beta, INDArray sig, INDArray out) {
        ChannelRows rows = new ChannelRows(x);
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView sv = sig == null ? null : new DenseFloatView(sig);
        DenseFloatView ov = new DenseFloatView(out);
        IntStream.range(0, rows.channels).parallel().forEach(c ->
                normalise(act, rows, c, xv, sv, ov, new float[rows.longest()], mean[c], invStd[c], gamma[c],
                        beta[c]));
    }

    /** Sweep two over one channel. */
    private static void normalise(BatchNormBackward.Activation act, ChannelRows rows, int c, DenseFloatView xv,
                                  DenseFloatView sv, DenseFloatView ov, float[] in, float mu, float is,
                                  float g, float b) {
        float a = g * is;
        float[] s = sv == null ? null : new float[in.length];
        float[] o = new float[in.length];
        for (int r = 0; r < rows.rows(); r++) {
            int start = rows.start(c, r);
            int len = rows.length(r);
            xv.read(start, in, len);
            KERNELS.normalise(act, in, len, mu, a, b, s, o);
            ov.write(start, o, len);
            if (s != null) {
                sv.write(start, s, len);
            }
        }
    }
}
