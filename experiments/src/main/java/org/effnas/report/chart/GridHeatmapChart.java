package org.effnas.report.chart;

import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.effnas.report.NumberText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * The compound-scaling grid as a heatmap: one cell per (alpha, beta, gamma) triple holding its mean
 * minival accuracy, alpha (depth) across, one row per (gamma, beta) pair, the winning triple
 * outlined. Pairs of the lattice that were not evaluated stay empty. Under a multi-fidelity
 * scheduler a cell holds the triple's value at the highest rung it reached, and when the cells span
 * more than one rung each label says its steps under the value ({@link #label}).
 *
 * @param cells  one per triple (a triple twice is refused)
 * @param winner the triple chosen for the family; null when none was
 */
public record GridHeatmapChart(String title, String caption, List<Cell> cells, Cell winner) implements ReportChart {

    /**
     * One triple and its mean accuracy over {@code seeds} successful evaluations (NaN when all failed)
     * at rung {@code rung}, {@code steps} optimizer steps (0 and 0 without rungs).
     */
    public record Cell(double alpha, double beta, double gamma, double value, int seeds, int rung, long steps) {

        /** A cell of a grid without rungs. */
        public Cell(double alpha, double beta, double gamma, double value, int seeds) {
            this(alpha, beta, gamma, value, seeds, 0, 0);
        }

        /** The triple on a 0.001 lattice, so 1.1 and 1.1000000000000001 are one triple. */
        public String key() {
            return round(alpha) + "/" + round(beta) + "/" + round(gamma);
        }
    }

    public GridHeatmapChart {
        cells = List.copyOf(cells);
        Set<String> seen = new HashSet<>();
        for (Cell c : cells) {
            if (!seen.add(c.key())) {
                throw new IllegalArgumentException("grid heatmap: triple " + c.key() + " given twice");
            }
        }
        if (winner != null && !seen.contains(winner.key())) {
            throw new IllegalArgumentException("grid heatmap: winner " + winner.key() + " is not one of the cells");
        }
    }

    @Override
    public String name() {
        return "grid-heatmap";
    }

    /** The alpha values across, in increasing order. */
    public List<Double> columns() {
        TreeSet<Double> a = new TreeSet<>();
        cells.forEach(c -> a.add(round(c.alpha())));
        return List.copyOf(a);
    }

    /** The (gamma, beta) rows from the bottom up: gamma increasing, beta increasing within it. */
    public List<String> rows() {
        TreeSet<double[]> r = new TreeSet<>((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
        cells.forEach(c -> r.add(new double[] {round(c.gamma()), round(c.beta())}));
        return r.stream().map(p -> rowLabel(p[0], p[1])).toList();
    }

    private static String rowLabel(double gamma, double beta) {
        return "gamma " + NumberText.plain(gamma) + ", beta " + NumberText.plain(beta);
    }

    /** Whether the cells were measured at more than one rung: then every label names its steps. */
    public boolean rungsMarked() {
        return cells.stream().filter(c -> Double.isFinite(c.value())).map(Cell::steps).distinct().count() > 1;
    }

    /** The text of a cell: its value, and its steps when the cells span rungs (e.g. {@code 84.1%} over {@code 270 steps}). */
    public List<String> label(Cell c) {
        String value = NumberText.percent(c.value());
        return rungsMarked() ? List.of(value, c.steps() + " steps") : List.of(value);
    }

    /** The cell's (column, row) position in the heatmap. */
    public int[] position(Cell c) {
        return new int[] {columns().indexOf(round(c.alpha())), rows().indexOf(rowLabel(round(c.gamma()), round(c.beta())))};
    }

    @Override
    public HeatMapChart draw() {
        List<Double> columns = columns();
        List<String> rows = rows();
        Drawn c = new Drawn(new HeatMapChartBuilder().width(ChartStyle.WIDTH)
                .height(Math.max(360, Math.min(900, 140 + 38 * rows.size()))).title(title)
                .xAxisTitle("alpha (depth)").yAxisTitle("gamma (resolution), beta (width)"));
        ChartStyle.apply(c.getStyler());
        // XChart's heatmap legend prints the raw range; the caption states the range as percentages
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotContentSize(1.0);
        // one rung: XChart prints the values; several: each cell's label says its steps too
        boolean marked = rungsMarked();
        c.getStyler().setShowValue(!marked);
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setValueFontColor(Palette.INK);
        c.getStyler().setHeatMapValueDecimalPattern("0.0%");
        c.getStyler().setDecimalPattern("0.0%");
        c.getStyler().setHeatMapDecimalValueFormatter(NumberText::percent);
        c.getStyler().setRangeColors(Palette.lightRamp());
        c.getStyler().setDrawBorder(true);
        List<Number[]> heat = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Cell cell : cells) {
            if (!Double.isFinite(cell.value())) {
                continue;
            }
            int[] p = position(cell);
            heat.add(new Number[] {p[0], p[1], cell.value()});
            lo = Math.min(lo, cell.value());
            hi = Math.max(hi, cell.value());
        }
        if (heat.isEmpty()) {
            heat.add(new Number[] {0, 0, 0.0});
            lo = 0;
            hi = 1;
        }
        c.getStyler().setMin(lo);
        c.getStyler().setMax(hi > lo ? hi : lo + 1e-9);
        List<String> xLabels = columns.stream().map(NumberText::plain).toList();
        c.addSeries("mean top-1", xLabels, rows, heat);
        if (marked) {
            for (Cell cell : cells) {
                if (Double.isFinite(cell.value())) {
                    int[] p = position(cell);
                    c.addAnnotation(new CellLabel(p[0], p[1], columns.size(), rows.size(), label(cell)));
                }
            }
        }
        if (winner != null) {
            int[] p = position(winner);
            c.addAnnotation(new CellOutline(p[0], p[1], columns.size(), rows.size()));
        }
        return c;
    }

    /** The drawn heatmap, which keeps the cell outlines it was given so they can be read back. */
    static final class Drawn extends HeatMapChart {

        private final List<CellOutline> outlines = new ArrayList<>();
        private final List<CellLabel> labels = new ArrayList<>();

        Drawn(HeatMapChartBuilder builder) {
            super(builder);
        }

        @Override
        public void addAnnotation(Annotation a) {
            super.addAnnotation(a);
            if (a instanceof CellOutline o) {
                outlines.add(o);
            }
            if (a instanceof CellLabel l) {
                labels.add(l);
            }
        }

        List<CellOutline> outlines() {
            return List.copyOf(outlines);
        }

        List<CellLabel> labels() {
            return List.copyOf(labels);
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
