package org.effnas.grid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.effnas.notation.BlockStrings;

/**
 * The outcome of a coefficient grid: every feasible triple with its statistics, the winner (best mean
 * accuracy, ties broken by fewer MACs, then enumeration order) and the single-dimension comparison.
 *
 * @param winnerWithinTolerance false when an achieved-FLOPs tolerance was asked for but no triple met
 *                              it, so the winner was picked among all triples
 */
public record GridReport(List<GridRow> rows, List<SingleDimensionRow> singleDimension, boolean winnerWithinTolerance) {

    /** The exact columns of {@code grid.csv}. */
    public static final String GRID_COLUMNS = "alpha,beta,gamma,flops_ratio_nominal,flops_ratio_actual,"
            + "accuracy_mean,accuracy_std,ci_low,ci_high,winner";
    public static final String SINGLE_COLUMNS = "method,width,depth,resolution,flops_ratio_nominal,"
            + "flops_ratio_actual,macs,accuracy_mean,accuracy_std,ci_low,ci_high";

    public GridReport {
        rows = List.copyOf(rows);
        singleDimension = List.copyOf(singleDimension);
    }

    /** The winning row; empty only when no triple produced a successful evaluation. */
    public Optional<GridRow> winner() {
        return rows.stream().filter(GridRow::winner).findFirst();
    }

    public String gridCsv() {
        StringBuilder b = new StringBuilder(GRID_COLUMNS).append('\n');
        for (GridRow r : rows) {
            AccuracySummary a = r.accuracy();
            b.append(String.join(",", num(r.coefficients().alpha()), num(r.coefficients().beta()),
                    num(r.coefficients().gamma()), fixed(r.nominalFlopsRatio()), fixed(r.achievedFlopsRatio()),
                    a.csv(), Boolean.toString(r.winner())))
                    .append('\n');
        }
        return b.toString();
    }

    public String singleDimensionCsv() {
        StringBuilder b = new StringBuilder(SINGLE_COLUMNS).append('\n');
        for (SingleDimensionRow r : singleDimension) {
            AccuracySummary a = r.accuracy();
            b.append(String.join(",", r.method(), fixed(r.factors().width()), fixed(r.factors().depth()),
                    Integer.toString(r.spec().resolution()), fixed(r.nominalFlopsRatio()), fixed(r.achievedFlopsRatio()),
                    Long.toString(r.macs()), a.csv())).append('\n');
        }
        return b.toString();
    }

    /** Writes {@code grid.csv} and, when there is a comparison, {@code single-dimension.csv}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("grid.csv"), gridCsv(), StandardCharsets.UTF_8);
        if (!singleDimension.isEmpty()) {
            Files.writeString(dir.resolve("single-dimension.csv"), singleDimensionCsv(), StandardCharsets.UTF_8);
        }
    }

    private static String num(double v) {
        return BlockStrings.number(v);
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "NaN";
    }
}
