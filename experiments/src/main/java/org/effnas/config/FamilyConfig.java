package org.effnas.config;

/**
 * The scaled family: members phi = {@code phiMin..phiMax} with depth alpha^phi, width beta^phi and
 * resolution gamma^phi.
 *
 * @param singleDimension also scale by each of depth, width and resolution alone to the same
 *                        multiply-adds, for the report's comparison (as in EfficientNet, Fig. 3)
 */
public record FamilyConfig(boolean enabled, int phiMin, int phiMax, boolean singleDimension) {

    public static FamilyConfig defaults() {
        return new FamilyConfig(true, 0, 3, true);
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
        return new FamilyConfig(enabled, min, max, s.flag("single_dimension", d.singleDimension()));
    }
}
