package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VectorRowKernels} against {@link ScalarRowKernels} and against the formulas in double, for
 * every activation, at lengths below, at and around the lane count and up to a full row, with
 * values that overflow the exponential.
 */
class RowKernelsTest {

    private static final RowKernels SCALAR = new ScalarRowKernels();

    static Stream<Arguments> activationsAndLengths() {
        return Stream.of(BatchNormBackward.Activation.values()).flatMap(a ->
                Stream.of(1, 7, 8, 9, 17, 784, ChannelRows.MAX_ROW).map(n -> Arguments.of(a, n)));
    }

    @Test
    void theTestJvmRunsTheVectorKernels() {
        // surefire passes --add-modules jdk.incubator.vector as the launcher does; without it every
        // comparison below would compare the scalar kernels with themselves
        assertTrue(RowKernels.vectorApiPresent(), "jdk.incubator.vector is not in the test JVM");
        assertTrue(RowKernels.best() instanceof VectorRowKernels);
        assertTrue(BatchNormForward.kernels().startsWith("vector"), BatchNormForward.kernels());
    }

    @Test
    void aJvmWithoutTheModuleFallsBackToScalar() throws Exception {
        // the CLI jar run as plain `java -jar` has no --add-modules: it must still train, in scalar loops
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Describe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("scalar", out);
    }

    /** Prints which kernels {@link BatchNormForward} picked, normalising one row first. */
    static final class Describe {
        public static void main(String[] args) {
            float[] x = {1, 2};
            new ScalarRowKernels().normalise(BatchNormBackward.Activation.SWISH, x, 2, 0, 1, 0, null, new float[2]);
            System.out.println(BatchNormForward.kernels());
        }
    }

    @ParameterizedTest(name = "{0} length {1}")
    @MethodSource("activationsAndLengths")
    void forwardMatchesScalarAndDouble(BatchNormBackward.Activation act, int len) {
        float[] x = values(len, 5, 2.5f);
        float mu = 0.3f;
        float a = 1.7f;
        float b = -0.2f;
        float[] sigV = new float[len];
        float[] outV = new float[len];
        float[] sigS = new float[len];
        float[] outS = new float[len];
        RowKernels.best().normalise(act, x, len, mu, a, b, sigV, outV);
        SCALAR.normalise(act, x, len, mu, a, b, sigS, outS);
        for (int i = 0; i < len; i++) {
            double z = (x[i] - (double) mu) * a + b;
            double s = 1 / (1 + Math.exp(-z));
            double expected = switch (act) {
                case IDENTITY -> z;
                case RELU -> Math.max(z, 0);
                case SWISH -> z * s;
            };
            assertEquals(expected, outV[i], 2e-6 * Math.max(1, Math.abs(expected)), act + " output " + i);
            assertEquals(outS[i], outV[i], 2e-6 * Math.max(1, Math.abs(expected)), act + " vector vs scalar " + i);
            if (act == BatchNormBackward.Activation.SWISH) {
                assertEquals(s, sigV[i], 1e-6, "sigmoid " + i);
            }
        }
    }

    @Test
    void swishSaturatesWithoutNaNWhereTheExponentialOverflows() {
        float[] x = {-200f, -100f, -89f, 89f, 100f, 200f, -1e30f, 1e30f, 0f};
        int len = x.length;
        float[] sig = new float[len];
        float[] out = new float[len];
        RowKernels.best().normalise(BatchNormBackward.Activation.SWISH, x, len, 0f, 1f, 0f, sig, out);
        for (int i = 0; i < len; i++) {
            assertFalse(Float.isNaN(out[i]) || Float.isNaN(sig[i]), "NaN at " + x[i]);
            assertEquals(x[i] > 0 ? 1f : x[i] < 0 ? 0f : 0.5f, sig[i], 1e-6, "sigmoid at " + x[i]);
            assertEquals(x[i] > 0 ? x[i] : 0f, out[i], Math.abs(x[i]) * 1e-6, "swish at " + x[i]);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    void momentsMatchDoubleFarFromZeroAndWithAnOutlierFirst(int len) {
        float[] x = values(len, 9, 1f);
        for (int i = 0; i < len; i++) {
            x[i] += 1000f; // far from 0: E[x^2] - E[x]^2 in float would keep no digit of the variance
        }
        x[0] = 1050f; // the first value, which the sums are taken around, 50 deviations from the mean
        double[] vector = new double[2];
        double[] scalar = new double[2];
        RowKernels.best().moments(x, len, vector);
        SCALAR.moments(x, len, scalar);
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= len;
        double m2 = 0;
        for (float v : x) {
            m2 += (v - mean) * (v - mean);
        }
        assertEquals(mean, scalar[0], 1e-12 * mean, "scalar mean");
        assertEquals(m2, scalar[1], 1e-9 * m2, "scalar squared deviations");
        // float lanes: the mean to 1e-9 of itself (1e-6 of a deviation), M2 to 1e-5
        assertEquals(mean, vector[0], 1e-9 * mean, "vector mean");
        assertEquals(m2, vector[1], 1e-5 * m2, "vector squared deviations");
    }

    static Stream<Integer> lengths() {
        return Stream.of(1, 7, 8, 9, 17, 784, ChannelRows.MAX_ROW);
    }

    @ParameterizedTest(name = "{0} length {1}")
    @MethodSource("activationsAndLengths")
    void backwardMatchesScalarAndDouble(BatchNormBackward.Activation act, int len) {
        float[] e = values(len, 1, 1f);
        float[] x = values(len, 2, 3f);
        float mu = 0.4f;
        float invStd = 0.8f;
        float[] sig = new float[len];
        float[] y = new float[len];
        SCALAR.normalise(act, x, len, mu, invStd, 0.1f, sig, y);
        float[] dzV = new float[len];
        float[] dzS = new float[len];
        double[] accV = new double[2];
        double[] accS = new double[2];
        RowKernels.best().activationGradient(act, e, sig, y, x, len, mu, invStd, dzV, accV);
        SCALAR.activationGradient(act, e, sig, y, x, len, mu, invStd, dzS, accS);
        double sumDz = 0;
        double sumDzXhat = 0;
        for (int i = 0; i < len; i++) {
            double dz = switch (act) {
                case IDENTITY -> e[i];
                case RELU -> y[i] > 0 ? e[i] : 0;
                case SWISH -> e[i] * ((double) sig[i] + y[i] - (double) y[i] * sig[i]);
            };
            assertEquals(dz, dzV[i], 1e-6 * Math.max(1, Math.abs(dz)), act + " dz " + i);
            sumDz += dz;
            sumDzXhat += dz * (x[i] - (double) mu) * invStd;
        }
        double scale = Math.max(1, len);
        assertEquals(sumDz, accV[0], 1e-5 * scale, "sum of dz");
        assertEquals(sumDzXhat, accV[1], 1e-5 * scale, "sum of dz * x_hat");
        assertEquals(accS[0], accV[0], 1e-5 * scale, "sum of dz vs scalar");
        assertEquals(accS[1], accV[1], 1e-5 * scale, "sum of dz * x_hat vs scalar");

        // sweep two, in place as BatchNormBackward runs it
        float a = 1.3f;
        float shift = 0.05f;
        float slope = -0.02f;
        float[] dx = dzV.clone();
        RowKernels.best().inputGradient(dx, x, len, mu, a, shift, slope, dx);
        float[] dxS = new float[len];
        SCALAR.inputGradient(dzV, x, len, mu, a, shift, slope, dxS);
        for (int i = 0; i < len; i++) {
            double expected = a * (double) dzV[i] - shift - (x[i] - (double) mu) * slope;
            assertEquals(expected, dx[i], 1e-5 * Math.max(1, Math.abs(expected)), "dx " + i);
            assertEquals(dxS[i], dx[i], 1e-5 * Math.max(1, Math.abs(expected)), "dx vs scalar " + i);
        }
    }

    private static float[] values(int len, long seed, float spread) {
        Random r = new Random(seed);
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) r.nextGaussian() * spread;
        }
        return v;
    }
}
