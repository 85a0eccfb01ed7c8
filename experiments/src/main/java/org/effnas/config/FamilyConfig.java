package org.effnas.config;

/**
 * The scaled family: members phi = {@code phiMin..phiMax} with depth alpha^phi, width beta^phi and
 * resolution gamma^phi.
 *
 * @param singleDimension also scale by each of depth, width and resolution alone to the same
 *                        multiply-adds, for the report's comparison (as in EfficientNet, Fig. 3)
 * @param singleDimensionPhiMax the largest phi of those comparisons (phi 1 comes from the grid at no
 *                        extra cost; each further phi trains three more, ever larger, models)
 */
public record FamilyConfig(boolean enabled, int phiMin, int phiMax, boolean singleDimension,
                           int singleDimensionPhiMax) {

    public static FamilyConfig defaults() {
        return new FamilyConfig(true, 0, 3, true, 3);
    }

    static FamilyConfig read(ConfigSection s) {
        FamilyConfig d = defaults();
        boolean enabled = s.flag("enabled", d.enabled());
        int min = s.integer("phi_min", d.phiMin(), 0, 16);
        int max = s.integer("phi_max", d.phiMax(), 0, 16);
        if (max < min) {
            s.problem("phi_max", "must be >= family.phi_min (" + min + "), got " + max);
            max = min;
        }
        boolean single = s.flag("single_dimension", d.singleDimension());
        int singleMax = s.integer("single_dimension_phi_max", max, 1, 16);
        if (singleMax > max) {
            s.problem("single_dimension_phi_max", "must be <= family.phi_max (" + max + "), got " + singleMax);
            singleMax = max;
        }
        return new FamilyConfig(enabled, min, max, single, singleMax);
    }
}
