package org.effnas.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.report.statistics.AccuracyInterval;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ScalingCurvesChartTest {

    private static ScalingCurvesChart.Model model(String name, double macs, Double... accs) {
        return new ScalingCurvesChart.Model(name, macs, AccuracyInterval.of(List.of(accs), 18));
    }

    @Test
    void errorBarsWithSeedsAreTheIntervalsAndStayBelowOneHundredPercent() {
        ScalingCurvesChart chart = new ScalingCurvesChart("t", "c", List.of(
                new ScalingCurvesChart.Curve("depth", List.of(model("B0", 5e6, 0.9, 0.95), model("D1", 9e6, 1.0, 0.97))),
                new ScalingCurvesChart.Curve("compound", List.of(model("B0", 5e6, 0.9, 0.95), model("B1", 9e6, 1.0, 0.97)))));
        assertTrue(chart.errorBars());
        XYChart c = chart.draw();
        List<XYSeries> bars = c.getSeriesMap().values().stream().filter(s -> s.getName().contains(" interval ")).toList();
        assertEquals(4, bars.size(), "one bar per model and curve");
        for (XYSeries bar : bars) {
            assertFalse(bar.isShowInLegend());
            assertTrue(bar.getYData()[1] <= 1.0 && bar.getYData()[0] >= 0, "bar inside [0, 1]");
        }
        XYSeries b1 = bars.stream().filter(s -> s.getName().startsWith("compound")).toList().get(1);
        AccuracyInterval expected = AccuracyInterval.of(List.of(1.0, 0.97), 18);
        assertEquals(expected.low(), b1.getYData()[0], 1e-12);
        assertEquals(expected.high(), b1.getYData()[1], 1e-12);
        assertTrue(c.getStyler().getYAxisMax() <= 1.0);
        // the compound line is drawn last, so a single-dimension model at the same point never hides it
        List<String> lines = c.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        assertEquals("compound scaling (family)", lines.get(lines.size() - 1));
    }

    @Test
    void oneSeedDrawsNoBars() {
        ScalingCurvesChart chart = new ScalingCurvesChart("t", "c", List.of(
                new ScalingCurvesChart.Curve("compound", List.of(model("B0", 5e6, 0.9), model("B1", 9e6, 0.95)))));
        assertFalse(chart.errorBars());
        assertEquals(1, chart.draw().getSeriesMap().size());
    }
}
