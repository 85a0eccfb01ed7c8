package org.effnas.scaling;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.effnas.InvalidInputException;
import org.effnas.notation.BlockStrings;
import org.effnas.cost.CostModel;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.InvalidSpecException;
import org.effnas.spec.Stage;

/**
 * Compound scaling to a cost budget instead of a given φ: the real-valued φ whose rounded network
 * has the most multiply-adds not above the target. Rounding (channels to multiples of the filter
 * divisor, repeats up, resolution to multiples of the resolution divisor, all by {@link ScalingRules})
 * makes cost a step function of φ, so φ is found by bisection over the cost of the actual rounded
 * network, to the edge of the last step at or below the target. That edge is as close as rounding
 * allows: the next step up, {@link Member#nextMacs()}, is above the target.
 *
 * <p>φ < 0 shrinks the base with floors: every stage keeps at least 1 repeat and every layer at
 * least {@code filterDivisor} (8) channels (both by {@link ScalingRules}), and the resolution never
 * goes below the smallest the stride pattern allows, the product of all strides (rounded up to the
 * resolution divisor), where the last feature map is still one pixel.
 */
public final class TargetedScaling {

    /** φ range searched; α^-30 makes every multiplier hit its floor for any coefficient ≥ 1.02. */
    static final double PHI_MIN = -30;
    static final double PHI_MAX = 30;
    /** Bisection stops when the φ bracket is this narrow (far below any rounding step). */
    static final double PHI_TOLERANCE = 1e-7;

    private final ArchSpec base;
    private final CompoundCoefficients coefficients;
    private final int resolutionDivisor;

    /**
     * One solved member.
     *
     * @param targetMacs the budget
     * @param phi        the solved compound coefficient
     * @param factors    the continuous multipliers at φ (width β^φ, depth α^φ, resolution γ^φ)
     * @param spec       the rounded network
     * @param macs       its multiply-adds (≤ target)
     * @param nextMacs   multiply-adds of the next rounding step above φ (> target): the step size
     */
    public record Member(long targetMacs, double phi, ScalingFactors factors, ArchSpec spec, long macs,
                         long nextMacs) {

        /** achieved / target. */
        public double achievedRatio() {
            return (double) macs / targetMacs;
        }

        /** The relative size of the rounding step at the solution: nextMacs / macs - 1. */
        public double stepSize() {
            return (double) nextMacs / macs - 1;
        }
    }

    /**
     * A member solved against a measured cost (e.g. latency), whose value may be noisy.
     *
     * @param target   the budget
     * @param phi      the solved compound coefficient
     * @param factors  the continuous multipliers at φ
     * @param spec     the rounded network, measured at or below the target
     * @param cost     its measured cost
     * @param next     the next rounding step above φ, measured above the target; null when the
     *                 member is at the φ cap (even the cap fits the target)
     * @param nextCost its measured cost; NaN when {@code next} is null
     * @param measured how many distinct networks were measured
     */
    public record Measured(double target, double phi, ScalingFactors factors, ArchSpec spec, double cost,
                           ArchSpec next, double nextCost, int measured) {

        /** Whether the cap φ itself fits the target (there is no next step within the range searched). */
        public boolean atCap() {
            return next == null;
        }
    }

    /** Bisection over a measured cost stops when the φ bracket is this narrow. */
    static final double MEASURED_PHI_TOLERANCE = 1e-4;

    private TargetedScaling(ArchSpec base, CompoundCoefficients coefficients, int resolutionDivisor) {
        if (resolutionDivisor < 1) {
            throw new InvalidInputException("resolution divisor: must be >= 1, got " + resolutionDivisor);
        }
        this.base = base;
        this.coefficients = coefficients;
        this.resolutionDivisor = resolutionDivisor;
    }

    public static TargetedScaling of(ArchSpec base, CompoundCoefficients coefficients, int resolutionDivisor) {
        return new TargetedScaling(base, coefficients, resolutionDivisor);
    }

    /** The smallest resolution the base's stride pattern allows (product of strides, to the divisor). */
    public int minimumResolution() {
        long product = base.stem().stride();
        for (Stage s : base.stages()) {
            product *= s.stride();
        }
        long rounded = (product + resolutionDivisor - 1) / resolutionDivisor * resolutionDivisor;
        return (int) Math.min(Math.max(rounded, 1), base.resolution());
    }

    /** The rounded network at {@code phi}, floors applied. */
    public ArchSpec at(double phi) {
        ScalingFactors f = coefficients.at(phi);
        int floor = minimumResolution();
        // the multiplier is clamped so rounding never collapses below the floor (ScalingRules refuses 0 px)
        double r = Math.max(f.resolution(), (double) floor / base.resolution());
        int resolution = Math.max(floor, ScalingRules.roundResolution(base.resolution(), r, resolutionDivisor));
        return CompoundScaling.scale(base, f.width(), f.depth(), resolution);
    }

    /**
     * The rounded network's MACs at {@code phi}; {@link Long#MAX_VALUE} past the spec limits (every
     * limit grows with φ, so such a φ is above any target the limits allow).
     */
    private long macs(double phi) {
        try {
            return CostModel.of(at(phi)).macs();
        } catch (InvalidSpecException beyondLimits) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The member with the most multiply-adds not above {@code targetMacs}.
     *
     * @throws InvalidInputException when even the floors cost more than the target, or the target is
     *                               beyond φ = {@value #PHI_MAX}
     */
    public Member solve(long targetMacs) {
        if (targetMacs < 1) {
            throw new InvalidInputException("--target-macs: must be >= 1, got " + targetMacs);
        }
        double lo = PHI_MIN;
        double hi = PHI_MAX;
        long smallest = macs(lo);
        if (smallest > targetMacs) {
            throw new InvalidInputException("--target-macs: " + targetMacs + " is below the smallest member (" + smallest
                    + " MACs with 1 repeat per stage, 8 channels and " + minimumResolution()
                    + " px); raise the target");
        }
        if (macs(hi) <= targetMacs) {
            throw new InvalidInputException("--target-macs: " + targetMacs + " needs phi > " + PHI_MAX
                    + "; lower the target");
        }
        // invariant: macs(lo) <= target < macs(hi); the cost is non-decreasing in phi
        double[] bracket = bisect(lo, hi, PHI_TOLERANCE, phi -> macs(phi) <= targetMacs);
        lo = bracket[0];
        hi = bracket[1];
        ArchSpec spec = at(lo);
        return new Member(targetMacs, lo, coefficients.at(lo), spec, CostModel.of(spec).macs(), macs(hi));
    }

    /**
     * The member with the largest measured cost at or below {@code target}, by the same bisection
     * over φ as {@link #solve} but with a cost measured per rounded network (each distinct network is
     * measured once, so the bracket's ends keep the values the decision was made on). The bracket is
     * found first by doubling steps from φ = 0 (up to {@code phiCap}, down to the floors), so large
     * networks are measured only when the target needs them; when even the cap fits, the cap is
     * the member.
     * A measured cost is noisy, so the result is the step the measurements put at the target's edge,
     * not a guarantee that every φ below it measures lower.
     *
     * @param flag names the target in messages, e.g. {@code --target-latency-ms}
     */
    public Measured solveMeasured(double target, ToDoubleFunction<ArchSpec> cost, double phiCap, String flag) {
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new InvalidInputException(flag + ": must be a positive number, got " + target);
        }
        if (!(phiCap > PHI_MIN) || phiCap > PHI_MAX) {
            throw new InvalidInputException("phi cap: must be in (" + PHI_MIN + ", " + PHI_MAX + "], got " + phiCap);
        }
        Map<String, Double> measured = new HashMap<>();
        DoubleUnaryOperator costAt = phi -> measured.computeIfAbsent(BlockStrings.canonical(at(phi)),
                k -> cost.applyAsDouble(at(phi)));
        DoublePredicate fits = phi -> costAt.applyAsDouble(phi) <= target;
        // bracket outwards from phi = 0 in doubling steps, so a network far larger than the answer
        // (slow to build and to time) is measured only when the target asks for one
        double start = Math.min(0, phiCap);
        double lo;
        double hi;
        if (fits.test(start)) {
            lo = start;
            for (double step = 1; ; step *= 2) {
                double next = Math.min(phiCap, lo + step);
                if (!fits.test(next)) {
                    hi = next;
                    break;
                }
                lo = next;
                if (next == phiCap) {
                    ArchSpec spec = at(phiCap);
                    return new Measured(target, phiCap, coefficients.at(phiCap), spec, costAt.applyAsDouble(phiCap),
                            null, Double.NaN, measured.size());
                }
            }
        } else {
            hi = start;
            for (double step = 1; ; step *= 2) {
                double next = Math.max(PHI_MIN, hi - step);
                if (fits.test(next)) {
                    lo = next;
                    break;
                }
                hi = next;
                if (next == PHI_MIN) {
                    throw new InvalidInputException(flag + ": " + target + " is below the smallest member ("
                            + costAt.applyAsDouble(PHI_MIN) + " with 1 repeat per stage, 8 channels and "
                            + minimumResolution() + " px); raise the target");
                }
            }
        }
        double[] bracket = bisect(lo, hi, MEASURED_PHI_TOLERANCE, fits);
        return new Measured(target, bracket[0], coefficients.at(bracket[0]), at(bracket[0]),
                costAt.applyAsDouble(bracket[0]), at(bracket[1]), costAt.applyAsDouble(bracket[1]), measured.size());
    }

    /** Narrows [lo, hi] (fits(lo), !fits(hi)) to {@code tolerance}; returns the final {lo, hi}. */
    private static double[] bisect(double lo, double hi, double tolerance, DoublePredicate fits) {
        while (hi - lo > tolerance) {
            double mid = (lo + hi) / 2;
            if (fits.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new double[] {lo, hi};
    }
}
