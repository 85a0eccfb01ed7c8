package org.effnas.report.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of the report: a data model (what tests check) that XChart draws as PNG and SVG. Each
 * call of {@link #draw()} builds a fresh XChart chart from the model.
 */
public interface ReportChart {

    /** The file name stem, e.g. {@code accuracy-vs-macs}. */
    String name();

    /** The chart's title (SURROGATE-prefixed when its numbers are not from training). */
    String title();

    /** A sentence under the chart saying what it shows. */
    String caption();

    /** The XChart chart of this model. */
    Chart<?, ?> draw();

    /** One legend entry of the chart: a series label and its colour. */
    record LegendEntry(String label, Color colour) {
    }

    /** The legend of the SVG form, from the chart's series (empty for the heatmap, whose colour bar stays drawn). */
    default List<LegendEntry> legend() {
        List<LegendEntry> out = new ArrayList<>();
        if (draw() instanceof XYChart xy) {
            for (XYSeries s : xy.getSeriesMap().values()) {
                if (s.isShowInLegend()) {
                    out.add(new LegendEntry(s.getName(), s.getMarkerColor() != null && s.getMarker() != null
                            && s.getMarker() != SeriesMarkers.NONE ? s.getMarkerColor() : s.getLineColor()));
                }
            }
        }
        return out;
    }

    default byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(draw(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The chart as an SVG document for the HTML page. XChart draws text as outlines, so the title
     * and the legend are left out here and written by the page as text (see {@link #legend()}),
     * where they can be searched; tick labels and axis titles stay drawn.
     */
    default String svg() {
        Chart<?, ?> chart = draw();
        chart.getStyler().setChartTitleVisible(false);
        if (chart instanceof XYChart) {
            chart.getStyler().setLegendVisible(false);
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
