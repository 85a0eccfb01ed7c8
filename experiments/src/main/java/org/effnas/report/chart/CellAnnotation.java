package org.effnas.report.chart;

import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * An annotation on one heatmap cell. It owns where a cell is on screen: XChart's heatmap fills the
 * whole plot area with equal cells when its content size is 1, so a cell's rectangle follows from
 * the plot bounds, with row 0 at the bottom.
 */
abstract class CellAnnotation extends Annotation {

    private final int column;
    private final int row;
    private final int columns;
    private final int rows;

    CellAnnotation(int column, int row, int columns, int rows) {
        super(true);
        if (column < 0 || column >= columns || row < 0 || row >= rows) {
            throw new IllegalArgumentException("cell (" + column + ", " + row + ") is outside a heatmap of "
                    + columns + " x " + rows + " cells");
        }
        this.column = column;
        this.row = row;
        this.columns = columns;
        this.rows = rows;
    }

    /** The annotated cell as (column, row). */
    final int[] cell() {
        return new int[] {column, row};
    }

    /** The cell's rectangle in screen coordinates, from the plot bounds of the chart being painted. */
    final Rectangle2D screenCell() {
        double x0 = getXAxisScreenValueForMin();
        double x1 = getXAxisScreenValueForMax();
        double yTop = getYAxisScreenValueForMax();
        double yBottom = getYAxisScreenValueForMin();
        double w = Math.abs(x1 - x0) / columns;
        double h = Math.abs(yBottom - yTop) / rows;
        return new Rectangle2D.Double(Math.min(x0, x1) + column * w, Math.min(yTop, yBottom) + (rows - 1 - row) * h,
                w, h);
    }
}
