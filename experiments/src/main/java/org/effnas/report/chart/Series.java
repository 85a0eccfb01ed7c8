package org.effnas.report.chart;

import java.awt.Color;
import java.util.List;

/**
 * A named set of points drawn one way.
 *
 * @param style       {@link Style#MARKERS} (scatter), {@link Style#HIGHLIGHT} (a large ring), {@link Style#LINE} (markers joined in x
 *                    order), {@link Style#STEP} (a running best: horizontal then vertical)
 * @param labelPoints draw each point's label beside it
 */
public record Series(String name, Color color, List<Point> points, Style style, boolean labelPoints) {

    /** How a series is drawn. */
    public enum Style { MARKERS, HOLLOW_MARKERS, LINE, STEP, HIGHLIGHT }

    public Series {
        points = List.copyOf(points);
    }

    public static Series of(String name, Color color, List<Point> points, Style style) {
        return new Series(name, color, points, style, false);
    }

    public Series labelled() {
        return new Series(name, color, points, style, true);
    }
}
