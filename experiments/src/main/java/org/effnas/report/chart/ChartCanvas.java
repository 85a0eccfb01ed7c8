package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The frame every chart is drawn in: a white image with anti-aliased text, the title and subtitle,
 * and, when any number on the chart came from the surrogate evaluator, a red SURROGATE badge.
 */
final class ChartCanvas {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font BADGE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /** Height of the title block, where plots start. */
    static final int HEADER = 84;

    final BufferedImage image;
    final Graphics2D g;
    final int width;
    final int height;

    ChartCanvas(int width, int height, String title, String subtitle, boolean surrogate) {
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int right = width - 20;
        if (surrogate) {
            right = badge("SURROGATE - not trained", width - 20, 18) - 12;
        }
        g.setColor(Palette.INK);
        g.setFont(TITLE);
        text(fit(title, TITLE, right - 24), 24, 36);
        if (subtitle != null && !subtitle.isBlank()) {
            g.setFont(SUBTITLE);
            g.setColor(Palette.GREY.darker());
            int max = width - 48;
            FontMetrics fm = g.getFontMetrics(SUBTITLE);
            if (fm.stringWidth(subtitle) <= max) {
                text(subtitle, 24, 58);
            } else {
                // two lines, broken at the last space that fits on the first
                int cut = subtitle.length();
                while (cut > 0 && (fm.stringWidth(subtitle.substring(0, cut)) > max || subtitle.charAt(cut - 1) != ' ')) {
                    cut--;
                }
                cut = cut == 0 ? subtitle.length() / 2 : cut;
                text(subtitle.substring(0, cut).trim(), 24, 58);
                text(fit(subtitle.substring(cut).trim(), SUBTITLE, max), 24, 75);
            }
        }
    }

    /** Draws a red rounded badge ending at {@code right}; returns its left edge. */
    private int badge(String text, int right, int top) {
        g.setFont(BADGE);
        FontMetrics fm = g.getFontMetrics();
        int w = fm.stringWidth(text) + 20;
        int h = fm.getHeight() + 8;
        int left = right - w;
        g.setColor(Palette.ALERT);
        g.fill(new RoundRectangle2D.Double(left, top, w, h, 10, 10));
        g.setColor(Color.WHITE);
        g.drawString(text, left + 10, top + 4 + fm.getAscent());
        return left;
    }

    void text(String s, double x, double y) {
        g.drawString(s, (float) x, (float) y);
    }

    /** Text centred on x. */
    void centred(String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s) / 2.0), (float) y);
    }

    /** Text ending at x. */
    void rightAligned(String s, double x, double y) {
        g.drawString(s, (float) (x - g.getFontMetrics().stringWidth(s)), (float) y);
    }

    /** Text rotated a quarter turn anticlockwise, centred on (x, y): a y-axis label. */
    void vertical(String s, double x, double y) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        centred(s, x, y);
        g.setTransform(saved);
    }

    /** Cuts text with an ellipsis so it fits in {@code max} pixels. */
    String fit(String s, Font font, int max) {
        FontMetrics fm = g.getFontMetrics(font);
        if (fm.stringWidth(s) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "...") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    void dashed(Color c, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 5}, 0));
    }

    void solid(Color c, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
