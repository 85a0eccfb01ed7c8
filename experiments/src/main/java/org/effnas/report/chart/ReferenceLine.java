package org.effnas.report.chart;

import java.awt.Color;

/** A dashed line across the plot at a fixed x (vertical) or y, with a label: e.g. the target T. */
public record ReferenceLine(double value, boolean vertical, String label, Color color) {

    public static ReferenceLine atX(double x, String label, Color color) {
        return new ReferenceLine(x, true, label, color);
    }

    public static ReferenceLine atY(double y, String label, Color color) {
        return new ReferenceLine(y, false, label, color);
    }
}
