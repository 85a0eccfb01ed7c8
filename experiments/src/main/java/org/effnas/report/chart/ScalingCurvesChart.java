package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.effnas.report.statistics.AccuracyInterval;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against multiply-adds of the scaled family (compound scaling) and of the same base
 * scaled in one dimension only, one point per model (the mean over its seeds) with its 95% interval
 * as an error bar when a model ran with more than one seed. The compound line is drawn last and
 * thickest, so a single-dimension model at the same point never hides it.
 *
 * @param curves in legend order; the compound curve is the one named {@link #COMPOUND}
 */
public record ScalingCurvesChart(String title, String caption, List<Curve> curves) implements ReportChart {

    public static final String COMPOUND = "compound";

    /** One model: its multiply-adds, accuracy over its seeds, and name ({@code B1}, {@code W2}, ...). */
    public record Model(String name, double macs, AccuracyInterval accuracy) {
    }

    /** The models of one scaling rule ({@code compound}, {@code width}, {@code depth}, {@code resolution}) by MACs. */
    public record Curve(String scaling, List<Model> models) {

        public Curve {
            models = List.copyOf(models);
        }

        public String label() {
            return scaling.equals(COMPOUND) ? "compound scaling (family)" : scaling + " only";
        }
    }

    public ScalingCurvesChart {
        curves = List.copyOf(curves);
    }

    @Override
    public String name() {
        return "family-scaling";
    }

    /** Whether error bars are drawn: some model ran with more than one seed. */
    public boolean errorBars() {
        return curves.stream().flatMap(c -> c.models().stream()).anyMatch(m -> m.accuracy().seeds() > 1);
    }

    @Override
    public XYChart draw() {
        XYChart c = ChartStyle.accuracyVsMacs(title, 8);
        Map<String, Color> colours = Map.of(COMPOUND, Palette.VERMILION, "width", Palette.BLUE, "depth", Palette.GREEN,
                "resolution", Palette.PURPLE);
        List<Curve> order = new ArrayList<>(curves.stream().filter(k -> !k.scaling().equals(COMPOUND)).toList());
        order.addAll(curves.stream().filter(k -> k.scaling().equals(COMPOUND)).toList());
        boolean bars = errorBars();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        for (Curve curve : order) {
            List<Model> ms = curve.models().stream().filter(m -> m.accuracy().measured() && m.macs() > 0).toList();
            if (ms.isEmpty()) {
                continue;
            }
            boolean compound = curve.scaling().equals(COMPOUND);
            Color colour = colours.getOrDefault(curve.scaling(), Palette.GREY);
            XYSeries s = c.addSeries(curve.label(), ms.stream().mapToDouble(Model::macs).toArray(),
                    ms.stream().mapToDouble(m -> m.accuracy().mean()).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            s.setMarker(compound ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            s.setLineStyle(compound ? new BasicStroke(3f) : SeriesLines.DASH_DASH);
            int k = 0;
            for (Model m : ms) {
                lo = Math.min(lo, m.accuracy().hasInterval() && bars ? m.accuracy().low() : m.accuracy().mean());
                hi = Math.max(hi, m.accuracy().hasInterval() && bars ? m.accuracy().high() : m.accuracy().mean());
                minX = Math.min(minX, m.macs());
                maxX = Math.max(maxX, m.macs());
                if (bars && m.accuracy().hasInterval()) {
                    // XChart's own error bars are symmetric; an interval clipped at 100% is not
                    XYSeries bar = c.addSeries(curve.label() + " interval " + k++, new double[] {m.macs(), m.macs()},
                            new double[] {m.accuracy().low(), m.accuracy().high()});
                    bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(colour);
                    bar.setLineStyle(new BasicStroke(compound ? 2f : 1.2f));
                    bar.setShowInLegend(false);
                }
            }
        }
        double[] y = ChartStyle.fitAxes(c, lo, hi, minX, maxX, 1.2);
        for (Curve curve : curves) {
            if (curve.scaling().equals(COMPOUND)) {
                for (Model m : curve.models()) {
                    if (m.accuracy().measured() && m.macs() > 0) {
                        c.addAnnotation(new AnnotationText(m.name(), m.macs(), m.accuracy().mean()
                                + (y[1] - y[0]) * 0.04, false));
                    }
                }
            }
        }
        return c;
    }
}
