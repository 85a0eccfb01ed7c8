package org.effnas.config;

import org.effnas.grid.CoefficientGrid;

/**
 * The compound-scaling grid: every (alpha, beta, gamma) on a {@code step} lattice in [1, max] with
 * {@code |alpha * beta^2 * gamma^2 - 2| <= tolerance}, at most {@code maxTriples} of them (nearest to
 * the constraint first; 0 = all), each trained {@code seeds} times at phi = 1.
 *
 * @param enabled           false skips the grid (and the family, which needs its winner)
 * @param base              the network the grid scales (a built-in name or a spec file); null = the
 *                          search winner. With a base no search runs: the grid is the experiment
 * @param resolutionDivisor scaled resolutions are multiples of it; null = 4 for bases of 64 px or
 *                          more, else 1 (search-space's ScalingRules)
 * @param achievedTolerance only a triple whose FLOPs ratio after rounding is within this of 2 may win;
 *                          null = no such rule (the paper's: the nominal ratio only)
 */
public record GridConfig(boolean enabled, String base, double step, double tolerance, double max, int seeds,
                         int maxTriples, Integer resolutionDivisor, Double achievedTolerance) {

    public static GridConfig defaults() {
        return new GridConfig(true, null, 0.1, 0.1, 2.0, 1, 10, null, null);
    }

    static GridConfig read(ConfigSection s) {
        GridConfig d = defaults();
        boolean enabled = s.flag("enabled", d.enabled());
        String base = s.string("base", null);
        if (base != null && !enabled) {
            s.problem("base", "only applies when the grid is enabled; drop it or set grid.enabled: true");
        }
        GridConfig g = new GridConfig(enabled, base,
                s.decimal("step", d.step(), 0, true, 1, false),
                s.decimal("tolerance", d.tolerance(), 0, true, 2, false),
                s.decimal("max", d.max(), 1, true, 4, false),
                s.integer("seeds", d.seeds(), 1, 100),
                s.integer("max_triples", d.maxTriples(), 0, 10_000),
                s.has("resolution_divisor") ? s.integer("resolution_divisor", 1, 1, 1024) : null,
                s.has("achieved_tolerance")
                        ? s.decimal("achieved_tolerance", 1, 0, true, Double.POSITIVE_INFINITY, false) : null);
        // the lattice size is checked here, before the search phase runs, not when the grid starts
        String tooFine = CoefficientGrid.latticeProblem(g.step(), g.max());
        if (tooFine != null) {
            s.problem("step", tooFine);
        }
        return g;
    }
}
