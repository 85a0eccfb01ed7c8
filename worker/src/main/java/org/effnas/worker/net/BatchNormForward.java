package org.effnas.worker.net;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The forward pass of batch norm followed by swish, ReLU or identity, in two sweeps per channel
 * instead of the six full passes that composing ND4J ops takes (mean, centring, norm, the
 * {@code batchnorm} op, sigmoid, multiply; at training sizes these layers are memory-bound). Sweep
 * one measures the channel's mean and biased variance; sweep two writes the output (and, for
 * swish, the sigmoid the backward pass needs). A channel is one task on the common fork-join pool,
 * so its values are still in that core's cache for the second sweep. Arrays must be dense c-order
 * NCHW floats ({@link #supports}).
 */
final class BatchNormForward {

    private BatchNormForward() {
    }

    /** Whether the kernel can read and write these arrays directly. */
    static boolean supports(INDArray... arrays) {
        return DenseFloatView.supports(arrays);
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
        Shape s = new Shape(x);
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView sv = sig == null ? null : new DenseFloatView(sig);
        DenseFloatView ov = new DenseFloatView(out);
        long m = (long) s.n * s.hw;
        IntStream.range(0, s.channels).parallel().forEach(c -> {
            // Sums of deviations from one of the channel's own values, in double: E[d^2] - E[d]^2
            // then loses nothing to cancellation unless that value lies ~1e7 deviations from the
            // mean (the plain E[x^2] - E[x]^2 loses digits as soon as mean >> std)
            double shift = xv.get(c * s.hw);
            double sum = 0;
            double sumSq = 0;
            for (int b = 0; b < s.n; b++) {
                int base = (b * s.channels + c) * s.hw;
                for (int i = base; i < base + s.hw; i++) {
                    double d = xv.get(i) - shift;
                    sum += d;
                    sumSq += d * d;
                }
            }
            double meanShift = sum / m;
            double v = Math.max(0, sumSq / m - meanShift * meanShift);
            mean[c] = shift + meanShift;
            var[c] = v;
            invStd[c] = (float) (1 / Math.sqrt(v + eps));
            normalise(act, s, c, xv, sv, ov, (float) mean[c], invStd[c], gamma[c], beta[c]);
        });
    }

    /** Normalises with given statistics (inference with the running mean and variance). */
    static void withGivenStatistics(BatchNormBackward.Activation act, INDArray x, float[] mean, float[] invStd,
                                    float[] gamma, float[] beta, INDArray sig, INDArray out) {
        Shape s = new Shape(x);
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView sv = sig == null ? null : new DenseFloatView(sig);
        DenseFloatView ov = new DenseFloatView(out);
        IntStream.range(0, s.channels).parallel().forEach(c ->
                normalise(act, s, c, xv, sv, ov, mean[c], invStd[c], gamma[c], beta[c]));
    }

    /** Sweep two over one channel; one loop per activation so that the hot loop has no branch on it. */
    private static void normalise(BatchNormBackward.Activation act, Shape s, int c, DenseFloatView xv,
                                  DenseFloatView sv, DenseFloatView ov, float mu, float is, float g, float b) {
        float a = g * is;
        for (int n = 0; n < s.n; n++) {
            int base = (n * s.channels + c) * s.hw;
            int end = base + s.hw;
            switch (act) {
                case IDENTITY -> {
                    for (int i = base; i < end; i++) {
                        ov.put(i, (xv.get(i) - mu) * a + b);
                    }
                }
                case RELU -> {
                    for (int i = base; i < end; i++) {
                        ov.put(i, Math.max((xv.get(i) - mu) * a + b, 0f));
                    }
                }
                case SWISH -> {
                    for (int i = base; i < end; i++) {
                        float z = (xv.get(i) - mu) * a + b;
                        float sigmoid = (float) (1 / (1 + Math.exp(-z)));
                        if (sv != null) {
                            sv.put(i, sigmoid);
                        }
                        ov.put(i, z * sigmoid);
                    }
                }
            }
        }
    }

    /** N, C and H*W of an NCHW array. */
    private record Shape(int n, int channels, int hw) {
        Shape(INDArray x) {
            this((int) x.size(0), (int) x.size(1), (int) (x.size(2) * x.size(3)));
        }
    }
}
