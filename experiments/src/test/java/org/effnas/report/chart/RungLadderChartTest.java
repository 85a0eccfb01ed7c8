package org.effnas.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class RungLadderChartTest {

    private static RungLadderChart.Line line(String id, double... top1At30And90And270) {
        long[] steps = {30, 90, 270};
        List<RungLadderChart.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < top1At30And90And270.length; i++) {
            points.add(new RungLadderChart.Point(i, steps[i], top1At30And90And270[i]));
        }
        return new RungLadderChart.Line(id, points);
    }

    private static final List<RungLadderChart.Line> LINES = List.of(line("c000001", 0.41),
            line("c000002", 0.55, 0.71), line("c000003", 0.60, 0.78, 0.88), line("c000004", 0.52),
            line("c000005", 0.58, 0.80, 0.86));

    @Test
    void oneSeriesPerCandidateThroughItsRungsWithTheWinnerHighlighted() {
        RungLadderChart chart = new RungLadderChart("search", "t", "c", LINES, Set.of("c000003"));
        XYChart c = chart.draw();
        Map<String, XYSeries> series = c.getSeriesMap();
        assertEquals(LINES.stream().map(RungLadderChart.Line::candidate).collect(Collectors.toSet()), series.keySet(),
                "one series per candidate");
        for (RungLadderChart.Line l : LINES) {
            XYSeries s = series.get(l.candidate());
            assertArrayEquals(l.points().stream().mapToDouble(RungLadderChart.Point::steps).toArray(), s.getXData(),
                    l.candidate() + ": x is its rung steps in order");
            assertArrayEquals(l.points().stream().mapToDouble(RungLadderChart.Point::top1).toArray(), s.getYData());
            assertEquals(l.candidate().equals("c000003"), RungLadderChart.highlighted(s), l.candidate());
        }
        assertEquals(Palette.BLUE, series.get("c000005").getLineColor(), "a promoted candidate continues in blue");
        assertEquals(RungLadderChart.STOPPED, series.get("c000001").getLineColor());
        List<String> order = List.copyOf(series.keySet());
        assertEquals("c000003", order.get(order.size() - 1), "the winner is drawn last, over the others");
        assertTrue(c.getStyler().isXAxisLogarithmic(), "steps on a log axis");
        assertTrue(c.getStyler().getYAxisMax() <= 1.0);
        assertEquals("rung-ladder-search", chart.name());
        assertEquals("winner c000003", chart.legend().get(0).label());
        assertTrue(chart.png().length > 1000);
        assertTrue(chart.svg().contains("<svg"));
    }

    @Test
    void everySeedOfAWinningTripleIsHighlighted() {
        RungLadderChart chart = new RungLadderChart("grid", "t", "c", LINES, Set.of("c000003", "c000005"));
        long highlighted = chart.draw().getSeriesMap().values().stream().filter(RungLadderChart::highlighted).count();
        assertEquals(2, highlighted);
        assertFalse(chart.legend().get(0).label().contains("c0000"));
    }

    @Test
    void aCandidateTwiceOrRungsOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RungLadderChart("s", "t", "c",
                List.of(LINES.get(0), LINES.get(0)), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new RungLadderChart.Line("c1", List.of(
                new RungLadderChart.Point(1, 90, 0.5), new RungLadderChart.Point(0, 30, 0.4))));
    }
}
