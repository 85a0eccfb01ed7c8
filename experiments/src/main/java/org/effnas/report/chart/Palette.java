package org.effnas.report.chart;

import java.awt.Color;

/**
 * Colours of every chart: a colour-blind-safe qualitative set (Okabe-Ito) for series and a
 * light ramp (blue to yellow) for the heatmap.
 */
public final class Palette {

    public static final Color BLUE = new Color(0x0072B2);
    public static final Color ORANGE = new Color(0xE69F00);
    public static final Color GREEN = new Color(0x009E73);
    public static final Color VERMILION = new Color(0xD55E00);
    public static final Color PURPLE = new Color(0xCC79A7);
    public static final Color SKY = new Color(0x56B4E9);
    public static final Color GREY = new Color(0x888888);
    public static final Color INK = new Color(0x222222);
    public static final Color GRID = new Color(0xE6E6E6);

    /** The heatmap ramp, low (light blue) to high (yellow), light enough for dark text on every cell. */
    public static Color[] lightRamp() {
        return new Color[] {new Color(0xdeebf7), new Color(0x9ecae1), new Color(0x74c476), new Color(0xd9ef8b),
            new Color(0xfde725)};
    }

    private Palette() {
    }
}
