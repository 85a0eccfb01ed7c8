package org.effnas.worker.batchnorm;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward pass of batch norm followed by swish, ReLU or identity, in two sweeps over memory
 * per channel instead of the thirteen that composing ND4J ops takes (each op is a full pass, and
 * at training sizes these layers are memory-bound). Sweep one writes dL/dz into the output
 * buffer and accumulates the channel sums of dz and dz * x_hat; sweep two turns dz into dL/dx.
 * Channels run in parallel on the common fork-join pool; values move row by row
 * ({@link ChannelRows}) into Java arrays, where {@link RowKernels} does the arithmetic. Arrays must
 * be dense c-order NCHW floats.
 */
final class BatchNormBackward {

    /** How dL/dz follows from dL/dy and the saved forward values. */
    enum Activation { IDENTITY, RELU, SWISH }

    private static final RowKernels KERNELS = RowKernels.best();

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
        ChannelRows rows = new ChannelRows(x);
        long m = rows.valuesPerChannel();
        DenseFloatView xv = new DenseFloatView(x);
        DenseFloatView ev = new DenseFloatView(eps);
        DenseFloatView sv = act == Activation.SWISH ? new DenseFloatView(sig) : null;
        DenseFloatView yv = act == Activation.IDENTITY ? null : new DenseFloatView(y);
        DenseFloatView dv = new DenseFloatView(dx);
        IntStream.range(0, rows.channels).parallel().forEach(c -> {
            int size = rows.longest();
            float[] e = new float[size];
            float[] s = sv == null ? null : new float[size];
            float[] out = yv == null ? null : new float[size];
            float[] in = new float[size];
            float[] d = new float[size];
            float mu = mean[c];
            float is = invStd[c];
            double[] sums = new double[2];
            for (int r = 0; r < rows.rows(); r++) {
                int start = rows.start(c, r);
                int len = rows.length(r);
                ev.read(start, e, len);
                xv.read(start, in, len);
                if (s != null) {
                    sv.read(start, s, len);
                }
                if (out != null) {
                    yv.read(start, out, len);
                }
                KERNELS.activationGradient(act, e, s, out, in, len, mu, is, d, sums);
                dv.write(start, d, len);
            }
            dBeta[c] = (float) sums[0];
            dGamma[c] = (float) sums[1];
            float a = gamma[c] * is;
            float shift = (float) (a * sums[0] / m);
            float slope = (float) (a * sums[1] / m) * is;
            for (int r = 0; r < rows.rows(); r++) {
                int start = rows.start(c, r);
                int len = rows.length(r);
                dv.read(start, d, len);
                xv.read(start, in, len);
                KERNELS.inputGradient(d, in, len, mu, a, shift, slope, d);
                dv.write(start, d, len);
            }
        });
    }
}
