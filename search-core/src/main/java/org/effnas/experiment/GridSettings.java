package org.effnas.experiment;

import org.effnas.InvalidInputException;
import org.effnas.grid.CoefficientGrid;

/**
 * What a compound-scaling grid evaluates (what {@code effnas grid} flags or a config fill).
 *
 * @param base              built-in architecture name or spec file
 * @param seeds             replicates per triple (training seeds {@code seed .. seed+seeds-1})
 * @param resolutionDivisor scaled resolutions are multiples of it
 * @param singleDimension   also evaluate depth-, width- and resolution-only scaling to the same FLOPs
 * @param familyPhiMax      after the grid, the winner's family phi = 0..N is evaluated (0 = no family)
 * @param achievedTolerance the winner must have achieved a FLOPs ratio within this of 2 after rounding
 *                          (infinity = the paper's rule, nominal ratio only)
 */
public record GridSettings(String base, CoefficientGrid grid, int seeds, int resolutionDivisor,
                           boolean singleDimension, int familyPhiMax, double achievedTolerance) {

    public GridSettings {
        if (base == null || base.isBlank()) {
            throw new InvalidInputException("--base: give a built-in architecture or a spec file");
        }
        if (seeds < 1 || seeds > 100) {
            throw new InvalidInputException("--seeds: must be in [1, 100], got " + seeds);
        }
        if (resolutionDivisor < 1) {
            throw new InvalidInputException("--resolution-divisor: must be >= 1, got " + resolutionDivisor);
        }
        if (familyPhiMax < 0 || familyPhiMax > 16) {
            throw new InvalidInputException("--evaluate-family: phi must be in [0, 16], got " + familyPhiMax);
        }
        if (!(achievedTolerance > 0)) {
            throw new InvalidInputException("--achieved-tolerance: must be > 0, got " + achievedTolerance);
        }
        if (grid == null) {
            throw new IllegalArgumentException("grid settings: the coefficient grid is required");
        }
    }
}
