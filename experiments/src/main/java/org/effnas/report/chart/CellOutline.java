package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.HeatMapChart;

/** A thick frame around one heatmap cell (the grid winner). */
final class CellOutline extends CellAnnotation {

    CellOutline(int column, int row, int columns, int rows) {
        super(column, row, columns, rows);
    }

    /** The outlines drawn on a heatmap made by {@link GridHeatmapChart}. */
    static List<CellOutline> of(HeatMapChart chart) {
        return chart instanceof GridHeatmapChart.Drawn d ? d.outlines() : List.of();
    }

    @Override
    public void paint(Graphics2D g) {
        Rectangle2D cell = screenCell();
        g.setStroke(new BasicStroke(4f));
        g.setColor(Palette.VERMILION);
        g.draw(new Rectangle2D.Double(cell.getX() + 2, cell.getY() + 2, cell.getWidth() - 4, cell.getHeight() - 4));
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.WHITE);
        g.draw(new Rectangle2D.Double(cell.getX() + 5, cell.getY() + 5, cell.getWidth() - 10, cell.getHeight() - 10));
        bounds = cell;
    }
}
