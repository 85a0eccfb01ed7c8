package org.effnas.worker.batchnorm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on SIMD lanes with the JDK's incubating Vector API. Swish needs an exponential
 * per value; the lane-wise {@code EXP} is compiled to the JDK's vectorised math routines, about six
 * times faster than {@code Math.exp} one value at a time (2.5 against 16 ns per value measured for a
 * whole normalise-and-swish pass on this machine's AVX2 cores). Sums are kept per lane in float over
 * one row (a few thousand values at most, of deviations, not raw values) and added up in double once
 * per row. Multiply and add stay separate: the API's fused multiply-add is slow on CPUs without FMA3,
 * and these loops are bound by memory, not arithmetic. The values after the last full vector go
 * through {@link ScalarRowKernels}.
 *
 * <p>Load this class only when {@link RowKernels#vectorApiPresent()} says the module is there, as
 * {@link RowKernels#best()} does.
 */
final class VectorRowKernels implements RowKernels {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    private VectorRowKernels() {
    }

    static VectorRowKernels create() {
        return new VectorRowKernels();
    }

    @Override
    public String describe() {
        return "vector" + LANES.length();
    }

    @Override
    public void moments(float[] x, int len, double[] out) {
        int bound = LANES.loopBound(len);
        int step = LANES.length();
        // pass one: a first mean from deviations from x[0]; float lanes lose a little of it when x[0] is
        // far out, which pass two recovers
        float shift = x[0];
        FloatVector sum = FloatVector.zero(LANES);
        for (int i = 0; i < bound; i += step) {
            sum = sum.add(FloatVector.fromArray(LANES, x, i).sub(shift));
        }
        float first = (float) (shift + (sum.reduceLanes(VectorOperators.ADD)
                + ScalarRowKernels.deviations(x, bound, len, shift)) / len);
        // pass two, the corrected two-pass algorithm: deviations d from the first mean are small, so
        // mean = first + sum(d) / n and M2 = sum(d^2) - sum(d)^2 / n keep their digits
        FloatVector sumD = FloatVector.zero(LANES);
        FloatVector sumSq = FloatVector.zero(LANES);
        for (int i = 0; i < bound; i += step) {
            FloatVector d = FloatVector.fromArray(LANES, x, i).sub(first);
            sumD = sumD.add(d);
            sumSq = sumSq.add(d.mul(d));
        }
        double totalD = sumD.reduceLanes(VectorOperators.ADD) + ScalarRowKernels.deviations(x, bound, len, first);
        double totalSq = sumSq.reduceLanes(VectorOperators.ADD)
                + ScalarRowKernels.squaredDeviations(x, bound, len, first);
        out[0] = first + totalD / len;
        out[1] = Math.max(0, totalSq - totalD * totalD / len);
    }

    @Override
    public void normalise(BatchNormBackward.Activation act, float[] x, int len, float mu, float a, float b,
                          float[] sig, float[] out) {
        int bound = LANES.loopBound(len);
        int step = LANES.length();
        // centre before scaling, as the scalar kernel does: x * a - mu * a would cancel when mu >> spread
        switch (act) {
            case IDENTITY -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(LANES, x, i).sub(mu).mul(a).add(b).intoArray(out, i);
                }
            }
            case RELU -> {
                for (int i = 0; i < bound; i += step) {
                    FloatVector.fromArray(LANES, x, i).sub(mu).mul(a).add(b).max(0f).intoArray(out, i);
                }
            }
            case SWISH -> {
                FloatVector one = FloatVector.broadcast(LANES, 1f);
                for (int i = 0; i < bound; i += step) {
                    FloatVector z = FloatVector.fromArray(LANES, x, i).sub(mu).mul(a).add(b);
                    FloatVector s = one.div(z.neg().lanewise(VectorOperators.EXP).add(one));
                    if (sig != null) {
                        s.intoArray(sig, i);
                    }
                    z.mul(s).intoArray(out, i);
                }
            }
        }
        ScalarRowKernels.normalise(act, x, bound, len, mu, a, b, sig, out);
    }

    @Override
    public void activationGradient(BatchNormBackward.Activation act, float[] e, float[] sig, float[] y,
                                   float[] x, int len, float mu, float invStd, float[] dz, double[] acc) {
        int bound = LANES.loopBound(len);
        FloatVector sumDz = FloatVector.zero(LANES);
        FloatVector sumDzXhat = FloatVector.zero(LANES);
        for (int i = 0; i < bound; i += LANES.length()) {
            FloatVector ev = FloatVector.fromArray(LANES, e, i);
            FloatVector g = switch (act) {
                case IDENTITY -> ev;
                case RELU -> {
                    // gradient only where the output is > 0 (a NaN output gets none, as in the scalar kernel)
                    VectorMask<Float> on = FloatVector.fromArray(LANES, y, i).compare(VectorOperators.GT, 0f);
                    yield FloatVector.zero(LANES).blend(ev, on);
                }
                case SWISH -> {
                    FloatVector s = FloatVector.fromArray(LANES, sig, i);
                    FloatVector yv = FloatVector.fromArray(LANES, y, i);
                    yield ev.mul(s.add(yv).sub(yv.mul(s)));
                }
            };
            g.intoArray(dz, i);
            sumDz = sumDz.add(g);
            FloatVector xHat = FloatVector.fromArray(LANES, x, i).sub(mu).mul(invStd);
            sumDzXhat = sumDzXhat.add(g.mul(xHat));
        }
        acc[0] += sumDz.reduceLanes(VectorOperators.ADD);
        acc[1] += sumDzXhat.reduceLanes(VectorOperators.ADD);
        ScalarRowKernels.activationGradient(act, e, sig, y, x, bound, len, mu, invStd, dz, acc);
    }

    @Override
    public void inputGradient(float[] dz, float[] x, int len, float mu, float a, float shift, float slope,
                              float[] dx) {
        int bound = LANES.loopBound(len);
        for (int i = 0; i < bound; i += LANES.length()) {
            FloatVector centred = FloatVector.fromArray(LANES, x, i).sub(mu);
            FloatVector.fromArray(LANES, dz, i).mul(a).sub(shift).sub(centred.mul(slope)).intoArray(dx, i);
        }
        ScalarRowKernels.inputGradient(dz, x, bound, len, mu, a, shift, slope, dx);
    }
}
