package org.effnas.experiment;

import java.util.Optional;
import org.effnas.InvalidSettingException;

/**
 * The family phase of a plan: the grid winner's members phi = {@code phiMin..phiMax} (B0, B1, ...)
 * and, with {@code singleDimension}, depth-, width- and resolution-only scaling to the same nominal
 * FLOPs at phi = 1..{@code singleDimensionPhiMax} (D1, W1, R1, ...). Models evaluated earlier in the
 * experiment (B0 in the search, B1 and the phi = 1 comparisons in the grid) are not trained again.
 * With {@code targets}, the members are instead one per cost budget ({@link FamilyTargets}: T50M, ...,
 * at a solved real phi) and no single-dimension comparisons are trained (the grid's phi = 1 ones
 * remain).
 */
public record FamilyPlan(int phiMin, int phiMax, boolean singleDimension, int singleDimensionPhiMax,
                         Optional<FamilyTargets> targets) {

    /** A family by phi range. */
    public FamilyPlan(int phiMin, int phiMax, boolean singleDimension, int singleDimensionPhiMax) {
        this(phiMin, phiMax, singleDimension, singleDimensionPhiMax, Optional.empty());
    }

    public FamilyPlan {
        java.util.Objects.requireNonNull(targets, "targets");
        if (phiMin < 0 || phiMax < phiMin || phiMax > 16) {
            throw new InvalidSettingException("family phi", "need 0 <= phi min <= phi max <= 16, got "
                    + phiMin + ".." + phiMax);
        }
        if (singleDimension && (singleDimensionPhiMax < 1 || singleDimensionPhiMax > phiMax)) {
            throw new InvalidSettingException("single-dimension phi max", "must be in [1, phi max = " + phiMax
                    + "], got " + singleDimensionPhiMax);
        }
    }

    /** Only the phi = 1 comparison that the grid already evaluated: B1, D1, W1, R1 (nothing is trained). */
    public static FamilyPlan gridComparison() {
        return new FamilyPlan(1, 1, true, 1);
    }
}
