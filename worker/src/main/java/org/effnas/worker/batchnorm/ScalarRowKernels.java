package org.effnas.worker.batchnorm;

/** {@link RowKernels} in plain Java loops, for JVMs without the Vector API module; also the vector kernels' tails. */
final class ScalarRowKernels implements RowKernels {

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    public void moments(float[] x, int len, double[] out) {
        double shift = x[0];
        out[0] = shift + deviations(x, 0, len, shift) / len;
        out[1] = squaredDeviations(x, 0, len, out[0]);
    }

    static double squaredDeviations(float[] x, int from, int to, double mean) {
        double m2 = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            m2 += d * d;
        }
        return m2;
    }

    static double deviations(float[] x, int from, int to, double shift) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] - shift;
        }
        return sum;
    }

    @Override
    public void normalise(BatchNormBackward.Activation act, float[] x, int len, float mu, float a, float b,
                          float[] sig, float[] out) {
        normalise(act, x, 0, len, mu, a, b, sig, out);
    }

    static void normalise(BatchNormBackward.Activation act, float[] x, int from, int to, float mu, float a,
                          float b, float[] sig, float[] out) {
        // one loop per activation so that the hot loop has no branch on it
        switch (act) {
            case IDENTITY -> {
                for (int i = from; i < to; i++) {
                    out[i] = (x[i] - mu) * a + b;
                }
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    out[i] = Math.max((x[i] - mu) * a + b, 0f);
                }
            }
            case SWISH -> {
                for (int i = from; i < to; i++) {
                    float z = (x[i] - mu) * a + b;
                    float s = (float) (1 / (1 + Math.exp(-z)));
                    if (sig != null) {
                        sig[i] = s;
                    }
                    out[i] = z * s;
                }
            }
        }
    }

    @Override
    public void activationGradient(BatchNormBackward.Activation act, float[] e, float[] sig, float[] y,
                                   float[] x, int len, float mu, float invStd, float[] dz, double[] acc) {
        activationGradient(act, e, sig, y, x, 0, len, mu, invStd, dz, acc);
    }

    static void activationGradient(BatchNormBackward.Activation act, float[] e, float[] sig, float[] y,
                                   float[] x, int from, int to, float mu, float invStd, float[] dz,
                                   double[] acc) {
        double sumDz = 0;
        double sumDzXhat = 0;
        for (int i = from; i < to; i++) {
            float g = switch (act) {
                case IDENTITY -> e[i];
                case RELU -> y[i] > 0 ? e[i] : 0f; // NaN output: no gradient, in both kernels
                // d swish / dz = s + y (1 - s) with s = sigmoid(z), y = z s
                case SWISH -> e[i] * (sig[i] + y[i] - y[i] * sig[i]);
            };
            dz[i] = g;
            sumDz += g;
            sumDzXhat += g * (x[i] - mu) * invStd;
        }
        acc[0] += sumDz;
        acc[1] += sumDzXhat;
    }

    @Override
    public void inputGradient(float[] dz, float[] x, int len, float mu, float a, float shift, float slope,
                              float[] dx) {
        inputGradient(dz, x, 0, len, mu, a, shift, slope, dx);
    }

    static void inputGradient(float[] dz, float[] x, int from, int to, float mu, float a, float shift,
                              float slope, float[] dx) {
        for (int i = from; i < to; i++) {
            dx[i] = a * dz[i] - shift - (x[i] - mu) * slope;
        }
    }
}
