package org.effnas.worker.batchnorm;

/**
 * The arithmetic of the batch-norm kernels ({@link BatchNormForward}, {@link BatchNormBackward}) on
 * one contiguous run of a channel's values, held in Java arrays. Two implementations give the same
 * results to float rounding: {@link VectorRowKernels} runs SIMD lanes through the JDK's incubating
 * Vector API (its lane-wise {@code exp} is what makes swish cheap) and is used when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, as the launcher and the test runner do;
 * {@link ScalarRowKernels} runs everywhere else.
 */
sealed interface RowKernels permits ScalarRowKernels, VectorRowKernels {

    /** The SIMD kernels when the Vector API module is in the JVM, else the scalar ones. */
    static RowKernels best() {
        // VectorRowKernels is not even loaded without the module: its constants name Vector API types
        return vectorApiPresent() ? VectorRowKernels.create() : new ScalarRowKernels();
    }

    /** Whether the JVM resolved the Vector API module (it needs {@code --add-modules jdk.incubator.vector}). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A short name for benchmarks and logs: "vector" + lane count, or "scalar". */
    String describe();

    /**
     * Writes the mean of x[0, len) to {@code out[0]} and the sum of squared deviations from it to
     * {@code out[1]}, in two passes over the row: a first mean from deviations from {@code x[0]}, then
     * deviations from that mean, so that neither loses digits when the mean is far from 0 or from
     * x[0]. {@link BatchNormForward} pools rows with Chan's formula.
     */
    void moments(float[] x, int len, double[] out);

    /**
     * Writes {@code out[i] = act(z)} with {@code z = (x[i] - mu) * a + b}, and {@code sig[i] = sigmoid(z)}
     * for swish when {@code sig} is not null.
     */
    void normalise(BatchNormBackward.Activation act, float[] x, int len, float mu, float a, float b,
                   float[] sig, float[] out);

    /**
     * Writes dL/dz into {@code dz} from dL/dy ({@code e}) and the saved forward values (sigmoid
     * {@code sig} for swish, output {@code y} for swish and ReLU), and adds to {@code acc[0]} the sum of
     * dz and to {@code acc[1]} the sum of {@code dz * (x - mu) * invStd}.
     */
    void activationGradient(BatchNormBackward.Activation act, float[] e, float[] sig, float[] y, float[] x,
                            int len, float mu, float invStd, float[] dz, double[] acc);

    /** Writes {@code dx[i] = a * dz[i] - shift - (x[i] - mu) * slope} (dz and dx may be the same array). */
    void inputGradient(float[] dz, float[] x, int len, float mu, float a, float shift, float slope, float[] dx);
}
