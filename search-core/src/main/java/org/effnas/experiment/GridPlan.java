package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import java.util.Optional;
import java.util.OptionalInt;
import org.effnas.grid.CoefficientGrid;
import org.effnas.scaling.ScalingRules;
import org.effnas.spec.ArchSpec;

/**
 * The grid phase of a plan: every feasible (alpha, beta, gamma) of the lattice applied to the base
 * at phi = 1, each evaluated over {@code seeds} replicates; the best mean accuracy wins.
 *
 * @param base              the base network; empty = the search phase's winner
 * @param seeds             replicates per triple (training seeds {@code seed .. seed+seeds-1})
 * @param resolutionDivisor scaled resolutions are multiples of it; empty = {@link ScalingRules#resolutionDivisor}
 *                          of the base
 * @param achievedTolerance only a triple whose FLOPs ratio after rounding is within this of 2 may win
 *                          (infinity = the paper's rule: the nominal ratio only)
 * @param singleDimension   also evaluate depth-, width- and resolution-only scaling to the same FLOPs
 */
public record GridPlan(Optional<ArchSpec> base, CoefficientGrid grid, int seeds, OptionalInt resolutionDivisor,
                       double achievedTolerance, boolean singleDimension) {

    public GridPlan {
        if (base == null || grid == null || resolutionDivisor == null) {
            throw new IllegalArgumentException("grid plan: base (or empty), grid and divisor (or empty) are required");
        }
        if (seeds < 1 || seeds > 100) {
            throw new InvalidSettingException("grid seeds", "must be in [1, 100], got " + seeds);
        }
        if (resolutionDivisor.isPresent() && resolutionDivisor.getAsInt() < 1) {
            throw new InvalidSettingException("resolution divisor", "must be >= 1, got " + resolutionDivisor.getAsInt());
        }
        if (!(achievedTolerance > 0)) {
            throw new InvalidSettingException("achieved FLOPs tolerance", "must be > 0, got " + achievedTolerance);
        }
    }

    /** The divisor used for a base: the plan's, else the scaling rules' default for its resolution. */
    public int divisorFor(ArchSpec spec) {
        return resolutionDivisor.orElse(ScalingRules.resolutionDivisor(spec.resolution()));
    }
}
