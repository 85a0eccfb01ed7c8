package org.effnas.config;

/**
 * The compound-scaling grid: every (alpha, beta, gamma) on a {@code step} lattice in [1, max] with
 * {@code |alpha * beta^2 * gamma^2 - 2| <= tolerance}, at most {@code maxTriples} of them (nearest to
 * the constraint first), each trained {@code seeds} times at phi = 1.
 *
 * @param enabled false skips the grid (and the family, which needs its winner)
 */
public record GridConfig(boolean enabled, double step, double tolerance, double max, int seeds, int maxTriples) {

    public static GridConfig defaults() {
        return new GridConfig(true, 0.1, 0.1, 2.0, 1, 10);
    }

    static GridConfig read(ConfigSection s) {
        GridConfig d = defaults();
        return new GridConfig(
                s.flag("enabled", d.enabled()),
                s.decimal("step", d.step(), 0, true, 1, false),
                s.decimal("tolerance", d.tolerance(), 0, true, 2, false),
                s.decimal("max", d.max(), 1, true, 4, false),
                s.integer("seeds", d.seeds(), 1, 100),
                s.integer("max_triples", d.maxTriples(), 1, 10_000));
    }
}
