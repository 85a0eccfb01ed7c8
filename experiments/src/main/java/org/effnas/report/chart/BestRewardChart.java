package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.report.NumberText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The best reward found so far by each search run, as a step line over finished evaluations or
 * over wall time.
 *
 * @param name   file stem ({@code best-reward-vs-evaluations} or {@code best-reward-vs-time})
 * @param xLabel what the x axis counts
 * @param runs   per run name, the running best at each x (increasing x)
 */
public record BestRewardChart(String name, String title, String caption, String xLabel,
                              Map<String, List<Step>> runs) implements ReportChart {

    /** The running best reward {@code best} reached at {@code x}. */
    public record Step(double x, double best) {
    }

    public BestRewardChart {
        runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    @Override
    public XYChart draw() {
        XYChart c = ChartStyle.xy(ChartStyle.HEIGHT - 100, title, xLabel, "best reward so far");
        c.setCustomYAxisTickLabelsFormatter(v -> NumberText.fixed(v, 3));
        c.setCustomXAxisTickLabelsFormatter(NumberText::plain);
        Color[] colours = ChartStyle.RUN_COLOURS;
        int i = 0;
        for (Map.Entry<String, List<Step>> run : runs.entrySet()) {
            if (run.getValue().isEmpty()) {
                continue;
            }
            boolean random = run.getKey().equals("random") && runs.size() > 1;
            XYSeries s = c.addSeries(run.getKey() + " (best so far)",
                    run.getValue().stream().mapToDouble(Step::x).toArray(),
                    run.getValue().stream().mapToDouble(Step::best).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(random ? Palette.GREY : colours[i++ % colours.length]);
            s.setLineStyle(new BasicStroke(2.2f));
        }
        return c;
    }
}
