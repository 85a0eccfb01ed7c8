package org.effnas.scaling;

import org.effnas.InvalidInputException;
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
        while (hi - lo > PHI_TOLERANCE) {
            double mid = (lo + hi) / 2;
            if (macs(mid) <= targetMacs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        ArchSpec spec = at(lo);
        return new Member(targetMacs, lo, coefficients.at(lo), spec, CostModel.of(spec).macs(), macs(hi));
    }
}
