package org.effnas.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scatter/line chart: one x and one y axis (either may be logarithmic), any number of series,
 * dashed reference lines, and a legend in a row under the plot so it never hides data.
 */
public record XYChart(String name, String title, String subtitle, boolean surrogate, Axis x, Axis y,
                      List<Series> series, List<ReferenceLine> lines, int width, int height) implements Chart {

    public XYChart {
        series = List.copyOf(series);
        lines = List.copyOf(lines);
    }

    public static XYChart of(String name, String title, String subtitle, boolean surrogate, Axis x, Axis y,
                             List<Series> series, List<ReferenceLine> lines) {
        return new XYChart(name, title, subtitle, surrogate, x, y, series, lines, 960, 600);
    }

    @Override
    public BufferedImage render() {
        ChartCanvas c = new ChartCanvas(width, height, title, subtitle, surrogate);
        double left = 84;
        double right = width - 28;
        double top = ChartCanvas.HEADER + 14;
        double bottom = height - 112;
        Rectangle2D plot = new Rectangle2D.Double(left, top, right - left, bottom - top);
        drawGridAndTicks(c, plot);
        drawReferenceLines(c, plot);
        java.awt.Shape clip = c.g.getClip();
        c.g.clip(new Rectangle2D.Double(plot.getX() - 8, plot.getY() - 8, plot.getWidth() + 16, plot.getHeight() + 16));
        for (Series s : series) {
            drawSeries(c, plot, s);
        }
        c.g.setClip(clip);
        c.solid(Palette.INK, 1.2f);
        c.g.draw(plot);
        drawAxisLabels(c, plot);
        drawLegend(c, plot);
        return c.finish();
    }

    private double px(double v, Rectangle2D p) {
        return x.map(v, p.getMinX(), p.getMaxX());
    }

    private double py(double v, Rectangle2D p) {
        return y.map(v, p.getMaxY(), p.getMinY());
    }

    private void drawGridAndTicks(ChartCanvas c, Rectangle2D p) {
        c.g.setFont(ChartCanvas.TICK);
        FontMetrics fm = c.g.getFontMetrics();
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double t : x.ticks()) {
            double xp = px(t, p);
            c.solid(Palette.GRID, 1f);
            c.g.draw(new Line2D.Double(xp, p.getMinY(), xp, p.getMaxY()));
            String label = x.format(t);
            double w = fm.stringWidth(label);
            if (xp - w / 2 > lastRight + 6) {
                c.g.setColor(Palette.INK);
                c.centred(label, xp, p.getMaxY() + 18);
                lastRight = xp + w / 2;
            }
        }
        for (double t : y.ticks()) {
            double yp = py(t, p);
            c.solid(Palette.GRID, 1f);
            c.g.draw(new Line2D.Double(p.getMinX(), yp, p.getMaxX(), yp));
            c.g.setColor(Palette.INK);
            c.rightAligned(y.format(t), p.getMinX() - 8, yp + fm.getAscent() / 2.0 - 1);
        }
    }

    private void drawReferenceLines(ChartCanvas c, Rectangle2D p) {
        c.g.setFont(ChartCanvas.SMALL);
        for (ReferenceLine l : lines) {
            c.dashed(l.color(), 1.6f);
            if (l.vertical()) {
                if (l.value() < x.min() || l.value() > x.max()) {
                    continue;
                }
                double xp = px(l.value(), p);
                c.g.draw(new Line2D.Double(xp, p.getMinY(), xp, p.getMaxY()));
                c.g.setColor(l.color());
                c.text(l.label(), xp + 5, p.getMinY() + 14);
            } else {
                if (l.value() < y.min() || l.value() > y.max()) {
                    continue;
                }
                double yp = py(l.value(), p);
                c.g.draw(new Line2D.Double(p.getMinX(), yp, p.getMaxX(), yp));
                c.g.setColor(l.color());
                c.rightAligned(l.label(), p.getMaxX() - 5, yp - 5);
            }
        }
    }

    private void drawSeries(ChartCanvas c, Rectangle2D p, Series s) {
        List<Point> pts = s.points().stream().filter(q -> Double.isFinite(q.x()) && Double.isFinite(q.y())
                && (!x.log() || q.x() > 0) && (!y.log() || q.y() > 0)).toList();
        if (s.style() == Series.Style.LINE || s.style() == Series.Style.STEP) {
            List<Point> sorted = new ArrayList<>(pts);
            sorted.sort(Comparator.comparingDouble(Point::x));
            Path2D path = new Path2D.Double();
            for (int i = 0; i < sorted.size(); i++) {
                double xp = px(sorted.get(i).x(), p);
                double yp = py(sorted.get(i).y(), p);
                if (i == 0) {
                    path.moveTo(xp, yp);
                } else if (s.style() == Series.Style.STEP) {
                    path.lineTo(xp, py(sorted.get(i - 1).y(), p));
                    path.lineTo(xp, yp);
                } else {
                    path.lineTo(xp, yp);
                }
            }
            c.solid(s.color(), 2.4f);
            c.g.draw(path);
        }
        for (Point q : pts) {
            double xp = px(q.x(), p);
            double yp = py(q.y(), p);
            drawMarker(c, s, xp, yp);
        }
        if (s.labelPoints()) {
            c.g.setFont(ChartCanvas.SMALL);
            for (Point q : pts) {
                if (q.label() != null) {
                    c.g.setColor(s.color().darker());
                    c.text(q.label(), px(q.x(), p) + 7, py(q.y(), p) - 7);
                }
            }
        }
    }

    private static void drawMarker(ChartCanvas c, Series s, double xp, double yp) {
        switch (s.style()) {
            case MARKERS -> {
                Shape dot = new Ellipse2D.Double(xp - 4.5, yp - 4.5, 9, 9);
                c.g.setColor(new Color(s.color().getRed(), s.color().getGreen(), s.color().getBlue(), 190));
                c.g.fill(dot);
                c.solid(Color.WHITE, 0.8f);
                c.g.draw(dot);
            }
            case HOLLOW_MARKERS -> {
                c.solid(s.color(), 1.6f);
                c.g.draw(new Ellipse2D.Double(xp - 4.5, yp - 4.5, 9, 9));
            }
            case HIGHLIGHT -> {
                c.solid(s.color(), 2.6f);
                c.g.draw(new Ellipse2D.Double(xp - 9, yp - 9, 18, 18));
            }
            case LINE -> {
                c.g.setColor(s.color());
                c.g.fill(new Ellipse2D.Double(xp - 3.5, yp - 3.5, 7, 7));
            }
            case STEP -> {
                // a running best is read from the line; no markers
            }
        }
    }

    private void drawAxisLabels(ChartCanvas c, Rectangle2D p) {
        c.g.setFont(ChartCanvas.LABEL);
        c.g.setColor(Palette.INK);
        c.centred(x.label() + (x.log() ? "  (log scale)" : ""), p.getCenterX(), p.getMaxY() + 42);
        c.vertical(y.label() + (y.log() ? "  (log scale)" : ""), 22, p.getCenterY());
    }

    private void drawLegend(ChartCanvas c, Rectangle2D p) {
        c.g.setFont(ChartCanvas.LABEL);
        FontMetrics fm = c.g.getFontMetrics();
        List<Object[]> entries = new ArrayList<>();
        for (Series s : series) {
            entries.add(new Object[] {s.name(), s});
        }
        for (ReferenceLine l : lines) {
            entries.add(new Object[] {l.label(), l});
        }
        double total = 0;
        for (Object[] e : entries) {
            total += 34 + fm.stringWidth((String) e[0]) + 22;
        }
        double startX = Math.max(p.getMinX(), p.getCenterX() - total / 2);
        double xp = startX;
        double yp = p.getMaxY() + 72;
        for (Object[] e : entries) {
            String label = (String) e[0];
            double entryWidth = 34 + fm.stringWidth(label);
            if (xp > startX && xp + entryWidth > p.getMaxX()) {
                xp = startX;
                yp += 22;
            }
            if (e[1] instanceof Series s) {
                if (s.style() == Series.Style.LINE || s.style() == Series.Style.STEP) {
                    c.solid(s.color(), 2.4f);
                    c.g.draw(new Line2D.Double(xp, yp - 5, xp + 26, yp - 5));
                }
                if (s.style() != Series.Style.STEP) {
                    drawMarker(c, s, xp + 13, yp - 5);
                }
            } else if (e[1] instanceof ReferenceLine l) {
                c.dashed(l.color(), 1.6f);
                c.g.draw(new Line2D.Double(xp, yp - 5, xp + 26, yp - 5));
            }
            c.g.setColor(Palette.INK);
            c.text(label, xp + 34, yp);
            xp += 34 + fm.stringWidth(label) + 22;
        }
    }
}
