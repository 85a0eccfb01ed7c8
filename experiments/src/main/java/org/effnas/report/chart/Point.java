package org.effnas.report.chart;

/** One data point; {@code label} (may be null) is drawn next to it when its series labels points. */
public record Point(double x, double y, String label) {

    public static Point of(double x, double y) {
        return new Point(x, y, null);
    }

    public static Point of(double x, double y, String label) {
        return new Point(x, y, label);
    }
}
