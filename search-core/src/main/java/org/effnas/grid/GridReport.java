package org.effnas.grid;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a coefficient grid: every feasible triple with its statistics, the winner (best mean
 * accuracy, ties broken by fewer MACs, then enumeration order) and the single-dimension comparison.
 * It is written to {@code grid.csv} (and the comparison to {@code family.csv}) by the experiment's
 * one writer of each table.
 *
 * @param winnerWithinTolerance false when an achieved-FLOPs tolerance was asked for but no triple met
 *                              it, so the winner was picked among all triples
 */
public record GridReport(List<GridRow> rows, List<SingleDimensionRow> singleDimension, boolean winnerWithinTolerance) {

    public GridReport {
        rows = List.copyOf(rows);
        singleDimension = List.copyOf(singleDimension);
    }

    /** The winning row; empty only when no triple produced a successful evaluation. */
    public Optional<GridRow> winner() {
        return rows.stream().filter(GridRow::winner).findFirst();
    }
}
