package org.effnas.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class AccuracyMacsChartTest {

    private static boolean dominates(Dot a, Dot b) {
        return a.macs() <= b.macs() && a.accuracy() >= b.accuracy() && (a.macs() < b.macs() || a.accuracy() > b.accuracy());
    }

    @Test
    void paretoFrontIsExactlyTheNonDominatedSet() {
        Random rng = new Random(11);
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            dots.add(new Dot(1e6 * (1 + rng.nextInt(40)), 0.5 + rng.nextInt(40) / 100.0, "c" + i));
        }
        List<Dot> front = AccuracyMacsChart.paretoFront(dots);
        for (Dot d : dots) {
            boolean dominated = dots.stream().anyMatch(o -> dominates(o, d));
            boolean onFront = front.stream().anyMatch(f -> f.macs() == d.macs() && f.accuracy() == d.accuracy());
            assertEquals(!dominated, onFront, d.toString());
        }
        for (int i = 1; i < front.size(); i++) {
            assertTrue(front.get(i).macs() > front.get(i - 1).macs() && front.get(i).accuracy() > front.get(i - 1).accuracy());
        }
    }

    @Test
    void drawnChartHasTheFrontTheTLineAtTAndAxesStopAtOneHundredPercent() {
        Map<String, List<Dot>> runs = new LinkedHashMap<>();
        runs.put("evolution", List.of(new Dot(5e6, 0.90, "a"), new Dot(8e6, 0.995, "b"), new Dot(9e6, 0.93, "c")));
        runs.put("random", List.of(new Dot(4e6, 0.85, "r")));
        AccuracyMacsChart chart = AccuracyMacsChart.of("t", "c", runs, new Dot(8e6, 0.995, "b"), 10_000_000);
        assertEquals(10_000_000, chart.targetLineX(), 0);
        XYChart c = chart.draw();
        XYSeries front = c.getSeriesMap().get("Pareto front");
        assertEquals(List.of(4e6, 5e6, 8e6), java.util.Arrays.stream(front.getXData()).boxed().toList());
        assertTrue(c.getStyler().getYAxisMax() <= 1.0, "accuracy axis stops at 100%");
        assertTrue(c.getStyler().getXAxisMax() >= 10_000_000, "T is inside the x range");
        assertTrue(chart.legend().stream().anyMatch(e -> e.label().equals("Pareto front")));
        assertFalse(Double.isFinite(AccuracyMacsChart.of("t", "c", runs, null, 0).targetLineX()), "no T, no line");
    }
}
