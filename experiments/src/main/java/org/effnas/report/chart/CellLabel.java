package org.effnas.report.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.HeatMapChart;

/**
 * Lines of text centred in one heatmap cell (a grid triple's value and the steps it was measured
 * at).
 */
final class CellLabel extends CellAnnotation {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final List<String> lines;

    CellLabel(int column, int row, int columns, int rows, List<String> lines) {
        super(column, row, columns, rows);
        this.lines = List.copyOf(lines);
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
        Rectangle2D cell = screenCell();
        double left = cell.getX();
        double top = cell.getY();
        double w = cell.getWidth();
        double h = cell.getHeight();
        g.setFont(FONT);
        g.setColor(Palette.INK);
        FontMetrics fm = g.getFontMetrics();
        double y = top + (h - fm.getHeight() * lines.size()) / 2 + fm.getAscent();
        for (String line : lines) {
            g.drawString(line, (float) (left + (w - fm.stringWidth(line)) / 2), (float) y);
            y += fm.getHeight();
        }
        bounds = cell;
    }
}
