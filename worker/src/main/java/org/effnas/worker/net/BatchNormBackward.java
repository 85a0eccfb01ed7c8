package org.effnas.worker.net;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of batch norm followed by swish, ReLU or identity, in two sweeps over memory
 * per channel instead of the thirteen that composing ND4J ops takes (each op is a full pass, and
 * at training sizes these layers are memory-bound). Sweep one writes dL/dz into the output
 * buffer and accumulates the channel sums of dz and dz * x_hat; sweep two turns dz into dL/dx.
 * Channels run in parallel on the common fork-join pool. Arrays must be dense c-order NCHW floats.
 */
final class BatchNormBackward {

    /** How dL/dz follows from dL/dy and the saved forward values. */
    enum Activation { IDENTITY, RELU, SWISH }

    private BatchNormBackward() {
    }

    /** Whether the kernel can read these arrays directly. */
    static boolean supports(INDArray... arrays) {
        return DenseFloatView.supports(arrays);
    }

    /**
     * Computes dL/dx into {@code dx} and the gamma and beta gradients.
     *
     * @param x      the layer input [N,C,H,W]
     * @param eps    dL/dy
     * @param sig    sigmoid(z) for swish, else unused (may be null)
     * @param y      the layer output (swish, ReLU), else unused (may be null)
     */
    static void run(Activation act, INDArray x, INDArray eps, INDArray sig, INDArray y, INDArray dx,
                    float[] mean, float[] invStd, float[] gamma, float[] dGamma, float[] dBeta) {
        int n = (int) x.size(0);
        int channels = (int) x.size(1);
        int hw = (int) (x.size(2) * x.size(3));
        long m = (long) n * hw;
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView ev = new DenseFloatView(eps);
        DenseFloatView sv = sig == null ? null : new DenseFloatView(sig);
        DenseFloatView yv = y == null ? null : new DenseFloatView(y);
        DenseFloatView dv = new DenseFloatView(dx);
        IntStream.range(0, channels).parallel().forEach(c -> {
            float mu = mean[c];
            float is = invStd[c];
            double sumDz = 0;
            double sumDzXhat = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * hw;
                for (int i = base; i < base + hw; i++) {
                    float e = ev.get(i);
                    float dz = switch (act) {
                        case IDENTITY -> e;
                        case RELU -> yv.get(i) > 0 ? e : 0f;
                        case SWISH -> {
                            float s = sv.get(i);
                            float out = yv.get(i);
                            yield e * (s + out - out * s);
                        }
                    };
                    dv.put(i, dz);
                    sumDz += dz;
                    sumDzXhat += dz * (xv.get(i) - mu) * is;
                }
            }
            dBeta[c] = (float) sumDz;
            dGamma[c] = (float) sumDzXhat;
            float a = gamma[c] * is;
            float shift = (float) (a * sumDz / m);
            float slope = (float) (a * sumDzXhat / m) * is;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * hw;
                for (int i = base; i < base + hw; i++) {
                    dv.put(i, a * dv.get(i) - shift - (xv.get(i) - mu) * slope);
                }
            }
        });
    }
}
