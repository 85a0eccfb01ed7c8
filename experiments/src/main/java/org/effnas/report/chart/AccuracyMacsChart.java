package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.report.NumberText;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against multiply-adds of every searched candidate (one colour per search run),
 * the Pareto front (the non-dominated candidates: none is both cheaper-or-equal and at least as
 * accurate with one of them strictly), the best-reward candidate, and a vertical line at the
 * reward's target T.
 *
 * @param runs       candidates per run name, in legend order
 * @param front      the non-dominated set in increasing MACs
 * @param best       the candidate with the best reward; null when no reward is known
 * @param targetMacs the reward's T; 0 draws no line
 */
public record AccuracyMacsChart(String title, String caption, Map<String, List<Dot>> runs, List<Dot> front, Dot best,
                                long targetMacs) implements ReportChart {

    public AccuracyMacsChart {
        runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        front = List.copyOf(front);
    }

    /** The chart of these runs, with the Pareto front computed over all of them. */
    public static AccuracyMacsChart of(String title, String caption, Map<String, List<Dot>> runs, Dot best,
                                       long targetMacs) {
        List<Dot> all = runs.values().stream().flatMap(List::stream).toList();
        return new AccuracyMacsChart(title, caption, runs, paretoFront(all), best, targetMacs);
    }

    /** The non-dominated dots (fewer MACs is better, higher accuracy is better), once each, by increasing MACs. */
    public static List<Dot> paretoFront(Collection<Dot> dots) {
        List<Dot> sorted = new ArrayList<>(dots.stream().filter(d -> Double.isFinite(d.accuracy())).toList());
        sorted.sort(Comparator.comparingDouble(Dot::macs).thenComparing(Comparator.comparingDouble(Dot::accuracy).reversed()));
        List<Dot> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Dot d : sorted) {
            if (d.accuracy() > best) {
                front.add(d);
                best = d.accuracy();
            }
        }
        return front;
    }

    @Override
    public String name() {
        return "accuracy-vs-macs";
    }

    /** Where the target line is drawn on the x axis (T itself), or NaN when there is none. */
    public double targetLineX() {
        return targetMacs > 0 ? targetMacs : Double.NaN;
    }

    @Override
    public XYChart draw() {
        XYChart c = ChartStyle.accuracyVsMacs(title, 7);
        Color[] colours = ChartStyle.RUN_COLOURS;
        int i = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double minX = targetMacs > 0 ? targetMacs : Double.POSITIVE_INFINITY;
        double maxX = targetMacs > 0 ? targetMacs : 0;
        for (Map.Entry<String, List<Dot>> run : runs.entrySet()) {
            List<Dot> dots = run.getValue().stream().filter(d -> Double.isFinite(d.accuracy()) && d.macs() > 0).toList();
            if (dots.isEmpty()) {
                continue;
            }
            boolean random = run.getKey().equals("random") && runs.size() > 1;
            XYSeries s = c.addSeries(run.getKey() + " candidates", dots.stream().mapToDouble(Dot::macs).toArray(),
                    dots.stream().mapToDouble(Dot::accuracy).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(random ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setMarkerColor(random ? Palette.GREY : colours[i++ % colours.length]);
            for (Dot d : dots) {
                lo = Math.min(lo, d.accuracy());
                hi = Math.max(hi, d.accuracy());
                minX = Math.min(minX, d.macs());
                maxX = Math.max(maxX, d.macs());
            }
        }
        if (!front.isEmpty()) {
            XYSeries f = c.addSeries("Pareto front", front.stream().mapToDouble(Dot::macs).toArray(),
                    front.stream().mapToDouble(Dot::accuracy).toArray());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            f.setLineColor(Palette.VERMILION);
            f.setLineStyle(new BasicStroke(2f));
            f.setMarker(SeriesMarkers.NONE);
        }
        if (best != null) {
            XYSeries b = c.addSeries("best reward: " + best.label(), new double[] {best.macs()},
                    new double[] {best.accuracy()});
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            b.setMarker(SeriesMarkers.SQUARE);
            b.setMarkerColor(Palette.INK);
        }
        double[] y = ChartStyle.fitAxes(c, lo, hi, minX, maxX, 1.15);
        if (targetMacs > 0) {
            AnnotationLine t = new AnnotationLine(targetLineX(), true, false);
            c.addAnnotation(t);
            c.getStyler().setAnnotationLineColor(Palette.GREEN);
            c.getStyler().setAnnotationLineStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
            c.addAnnotation(new AnnotationText("T = " + NumberText.macs(targetMacs), targetLineX(),
                    y[1] - (y[1] - y[0]) * 0.03, false));
        }
        return c;
    }
}
