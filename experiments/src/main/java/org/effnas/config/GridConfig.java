package org.effnas.config;

import java.util.List;
import org.effnas.grid.CoefficientGrid;
import org.effnas.scaling.CompoundCoefficients;

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
 * @param coefficients      one fixed (alpha, beta, gamma) evaluated instead of the lattice (step,
 *                          tolerance, max and max_triples then unused); null = the lattice
 */
public record GridConfig(boolean enabled, String base, double step, double tolerance, double max, int seeds,
                         int maxTriples, Integer resolutionDivisor, Double achievedTolerance, List<Double> coefficients) {

    /** The lattice keys, which a fixed triple replaces. */
    private static final List<String> LATTICE_KEYS = List.of("step", "tolerance", "max", "max_triples");

    public GridConfig {
        if (coefficients != null) {
            coefficients = List.copyOf(coefficients);
        }
    }

    /** A lattice grid (no fixed triple). */
    public GridConfig(boolean enabled, String base, double step, double tolerance, double max, int seeds,
                      int maxTriples, Integer resolutionDivisor, Double achievedTolerance) {
        this(enabled, base, step, tolerance, max, seeds, maxTriples, resolutionDivisor, achievedTolerance, null);
    }

    public static GridConfig defaults() {
        return new GridConfig(true, null, 0.1, 0.1, 2.0, 1, 10, null, null, null);
    }

    /** The grid search-core runs: the fixed triple when named, else the lattice. */
    public CoefficientGrid coefficientGrid() {
        if (coefficients != null) {
            return CoefficientGrid.fixed(List.of(CompoundCoefficients.of(coefficients.get(0), coefficients.get(1),
                    coefficients.get(2))));
        }
        return CoefficientGrid.of(step, max, tolerance, maxTriples);
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
        List<Double> fixed = coefficients(s, d, g);
        if (fixed != null) {
            g = new GridConfig(g.enabled(), g.base(), g.step(), g.tolerance(), g.max(), g.seeds(), g.maxTriples(),
                    g.resolutionDivisor(), g.achievedTolerance(), fixed);
        }
        // the lattice size is checked here, before the search phase runs, not when the grid starts
        String tooFine = CoefficientGrid.latticeProblem(g.step(), g.max());
        if (tooFine != null) {
            s.problem("step", tooFine);
        }
        return g;
    }

    /**
     * {@code coefficients: [alpha, beta, gamma]}, each in [1, 4]. A lattice key set to anything but its
     * default beside it is refused (it would be ignored); the defaults themselves are accepted, so the
     * resolved config, which spells every default out, loads back to the same grid.
     */
    private static List<Double> coefficients(ConfigSection s, GridConfig d, GridConfig lattice) {
        if (!s.has("coefficients")) {
            return null;
        }
        List<Double> c = s.decimals("coefficients", null);
        if (c == null) {
            return null;
        }
        if (c.size() != 3) {
            s.problem("coefficients", "must be one triple [alpha, beta, gamma], got " + c.size() + " number(s)");
            return null;
        }
        for (double x : c) {
            if (!(x >= 1 && x <= 4)) {
                s.problem("coefficients", "each of alpha, beta, gamma must be in [1, 4], got " + c);
                return null;
            }
        }
        if (c.get(0) == 1 && c.get(1) == 1 && c.get(2) == 1) {
            s.problem("coefficients", "[1, 1, 1] does not scale; give alpha, beta, gamma with a product above 1");
            return null;
        }
        List<Object> given = List.of(lattice.step(), lattice.tolerance(), lattice.max(), lattice.maxTriples());
        List<Object> defaults = List.of(d.step(), d.tolerance(), d.max(), d.maxTriples());
        for (int i = 0; i < LATTICE_KEYS.size(); i++) {
            if (!given.get(i).equals(defaults.get(i))) {
                s.problem(LATTICE_KEYS.get(i), "not used with grid.coefficients (a fixed triple replaces the "
                        + "lattice); drop one of them");
            }
        }
        return c;
    }
}
