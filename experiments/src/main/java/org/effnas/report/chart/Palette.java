package org.effnas.report.chart;

import java.awt.Color;

/**
 * Colours of every chart: a colour-blind-safe qualitative set (Okabe-Ito) for series and a
 * perceptually ordered ramp (dark blue to yellow) for heatmaps.
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
    public static final Color ALERT = new Color(0xB00020);

    private static final Color[] RAMP = {
        new Color(0x30123b), new Color(0x3e4a89), new Color(0x31688e), new Color(0x26828e),
        new Color(0x1f9e89), new Color(0x35b779), new Color(0x6ece58), new Color(0xb5de2b), new Color(0xfde725)};

    private Palette() {
    }

    /** The ramp colour at {@code t} in [0, 1]. */
    public static Color ramp(double t) {
        double c = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (RAMP.length - 1);
        int i = Math.min((int) c, RAMP.length - 2);
        double f = c - i;
        Color a = RAMP[i];
        Color b = RAMP[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double luma = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luma > 140 ? INK : Color.WHITE;
    }
}
