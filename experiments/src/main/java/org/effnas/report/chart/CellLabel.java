package org.effnas.report.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Lines of text centred in one heatmap cell (a grid triple's value and the steps it was measured
 * at), placed like {@link CellOutline}: equal cells filling the plot, row 0 at the bottom.
 */
final class CellLabel extends Annotation {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final int column;
    private final int row;
    private final int columns;
    private final int rows;
    private final List<String> lines;

    CellLabel(int column, int row, int columns, int rows, List<String> lines) {
        super(true);
        this.column = column;
        this.row = row;
        this.columns = columns;
        this.rows = rows;
        this.lines = List.copyOf(lines);
    }

    /** The labelled cell as (column, row). */
    int[] cell() {
        return new int[] {column, row};
    }

    List<String> lines() {
        return lines;
    }

    /** The labels drawn on a heatmap made by {@link GridHeatmapChart}. */
    static List<CellLabel> of(HeatMapChart chart) {
        return chart instanceof GridHeatmapChart.Drawn d ? d.labels() : List.of();
    }

    @Override
    public void paint(Graphics2D g) {
        double x0 = getXAxisScreenValueForMin();
        double x1 = getXAxisScreenValueForMax();
        double yTop = getYAxisScreenValueForMax();
        double yBottom = getYAxisScreenValueForMin();
        double w = Math.abs(x1 - x0) / columns;
        double h = Math.abs(yBottom - yTop) / rows;
        double left = Math.min(x0, x1) + column * w;
        double top = Math.min(yTop, yBottom) + (rows - 1 - row) * h;
        g.setFont(FONT);
        g.setColor(Palette.INK);
        FontMetrics fm = g.getFontMetrics();
        double y = top + (h - fm.getHeight() * lines.size()) / 2 + fm.getAscent();
        for (String line : lines) {
            g.drawString(line, (float) (left + (w - fm.stringWidth(line)) / 2), (float) y);
            y += fm.getHeight();
        }
        bounds = new Rectangle2D.Double(left, top, w, h);
    }
}
