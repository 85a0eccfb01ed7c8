package org.effnas.report;

/**
 * One evaluation of the compound-scaling grid: a triple at phi = 1 with one seed at one rung, and the
 * triple's summary over its seeds measured at that rung (repeated on each of those rows).
 *
 * @param rung     the rung of a multi-fidelity schedule (0 for a grid without rungs)
 * @param steps    optimizer steps done at that rung (0 for a grid without rungs: the recipe decides)
 * @param meanTop1 mean top-1 over the triple's seeds at the rung
 * @param ciLow    lower end of the 95% confidence interval of the mean (NaN with one seed)
 * @param ciHigh   upper end
 * @param winner   whether the triple was chosen for the family (decided at the top rung; marked on all
 *                 its rows)
 */
public record GridPoint(double alpha, double beta, double gamma, int rung, long steps, double meanTop1, double ciLow,
                        double ciHigh, boolean winner, Measurement m) {

    public GridPoint {
        if (rung < 0 || steps < 0) {
            throw new IllegalArgumentException("grid point: rung and steps must be >= 0, got " + rung + ", " + steps);
        }
    }

    /** An evaluation of a grid without rungs. */
    public GridPoint(double alpha, double beta, double gamma, double meanTop1, double ciLow, double ciHigh,
                     boolean winner, Measurement m) {
        this(alpha, beta, gamma, 0, 0, meanTop1, ciLow, ciHigh, winner, m);
    }
}
