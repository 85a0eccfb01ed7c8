package org.effnas.report;

/**
 * One evaluation of the compound-scaling grid: a triple at phi = 1 with one seed, and the triple's
 * summary over its seeds (repeated on each of its rows).
 *
 * @param meanTop1 mean top-1 over the triple's seeds
 * @param ciLow    lower end of the 95% confidence interval of the mean (NaN with one seed)
 * @param ciHigh   upper end
 * @param winner   whether the triple was chosen for the family
 */
public record GridPoint(double alpha, double beta, double gamma, double meanTop1, double ciLow, double ciHigh,
                        boolean winner, Measurement m) {
}
