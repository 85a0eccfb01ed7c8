package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * A thick frame around one heatmap cell (the grid winner). XChart's heatmap fills the whole plot
 * area with equal cells when its content size is 1, so the cell's rectangle follows from the plot
 * bounds; row 0 is at the bottom.
 */
final class CellOutline extends Annotation {

    private final int column;
    private final int row;
    private final int columns;
    private final int rows;

    CellOutline(int column, int row, int columns, int rows) {
        super(true);
        this.column = column;
        this.row = row;
        this.columns = columns;
        this.rows = rows;
    }

    /** The outlined cell as (column, row). */
    int[] cell() {
        return new int[] {column, row};
    }

    /** The outlines drawn on a heatmap made by {@link GridHeatmapChart}. */
    static List<CellOutline> of(HeatMapChart chart) {
        return chart instanceof GridHeatmapChart.Drawn d ? d.outlines() : List.of();
    }

    @Override
    public void paint(Graphics2D g) {
        double x0 = getXAxisScreenValueForMin();
        double x1 = getXAxisScreenValueForMax();
        double yTop = getYAxisScreenValueForMax();
        double yBottom = getYAxisScreenValueForMin();
        double top = Math.min(yTop, yBottom);
        double w = Math.abs(x1 - x0) / columns;
        double h = Math.abs(yBottom - yTop) / rows;
        Rectangle2D cell = new Rectangle2D.Double(Math.min(x0, x1) + column * w, top + (rows - 1 - row) * h, w, h);
        g.setStroke(new BasicStroke(4f));
        g.setColor(Palette.VERMILION);
        g.draw(new Rectangle2D.Double(cell.getX() + 2, cell.getY() + 2, cell.getWidth() - 4, cell.getHeight() - 4));
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.WHITE);
        g.draw(new Rectangle2D.Double(cell.getX() + 5, cell.getY() + 5, cell.getWidth() - 10, cell.getHeight() - 10));
        bounds = cell;
    }
}
