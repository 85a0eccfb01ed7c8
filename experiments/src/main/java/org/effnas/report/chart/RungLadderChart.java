package org.effnas.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.effnas.report.NumberText;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The rung ladder of one phase of a multi-fidelity run: minival accuracy against training steps
 * (log scale), one line per candidate through the rungs it reached. A candidate that stopped at its
 * first rung is a light dot; a promoted one a line that visibly continues to the right; the winner's
 * line (every seed of the winning triple, in a grid) is drawn last, thick and in vermilion. Series are
 * named by candidate, so a line can be traced back to {@code rungs.csv}.
 *
 * @param phase   the phase (search, random, grid), which names the chart's file
 * @param lines   one per candidate with at least one successful rung
 * @param winners the candidates highlighted (the winner, or the winning triple's seeds)
 */
public record RungLadderChart(String phase, String title, String caption, List<Line> lines, Set<String> winners)
        implements ReportChart {

    static final Color STOPPED = new Color(0xB8C4CE);

    /** One rung result: steps done and minival top-1 there. */
    public record Point(int rung, long steps, double top1) {
    }

    /** One candidate's results, rung by rung. */
    public record Line(String candidate, List<Point> points) {

        public Line {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("rung ladder: candidate " + candidate + " has no rung");
            }
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).steps() <= points.get(i - 1).steps()) {
                    throw new IllegalArgumentException("rung ladder: candidate " + candidate
                            + "'s rungs are not in increasing steps");
                }
            }
        }

        public boolean promoted() {
            return points.size() > 1;
        }
    }

    public RungLadderChart {
        lines = List.copyOf(lines);
        winners = Set.copyOf(winners);
        Set<String> seen = new HashSet<>();
        for (Line l : lines) {
            if (!seen.add(l.candidate())) {
                throw new IllegalArgumentException("rung ladder: candidate " + l.candidate() + " given twice");
            }
        }
    }

    @Override
    public String name() {
        return "rung-ladder-" + phase;
    }

    /** Legend of the page: what the three kinds of line mean (the series are candidates, too many to list). */
    @Override
    public List<LegendEntry> legend() {
        List<LegendEntry> out = new ArrayList<>();
        out.add(new LegendEntry("winner" + (winners.size() == 1 ? " " + winners.iterator().next()
                : winners.isEmpty() ? " (none yet)" : "'s seeds"), Palette.VERMILION));
        out.add(new LegendEntry("promoted: continued from its checkpoint", Palette.BLUE));
        out.add(new LegendEntry("stopped at its first rung", STOPPED));
        return out;
    }

    @Override
    public XYChart draw() {
        XYChart c = ChartStyle.xy(ChartStyle.HEIGHT, title, "training steps (log scale)", "minival top-1 accuracy");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendVisible(false); // one series per candidate: the page's legend says what the colours mean
        c.getStyler().setMarkerSize(6);
        c.setCustomYAxisTickLabelsFormatter(NumberText::percent);
        List<Line> order = new ArrayList<>(lines.stream().filter(l -> !l.promoted() && !winners.contains(l.candidate()))
                .toList());
        order.addAll(lines.stream().filter(l -> l.promoted() && !winners.contains(l.candidate())).toList());
        order.addAll(lines.stream().filter(l -> winners.contains(l.candidate())).toList());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long minX = Long.MAX_VALUE;
        long maxX = 0;
        for (Line l : order) {
            XYSeries s = c.addSeries(l.candidate(), l.points().stream().mapToDouble(Point::steps).toArray(),
                    l.points().stream().mapToDouble(Point::top1).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            boolean win = winners.contains(l.candidate());
            Color colour = win ? Palette.VERMILION : l.promoted() ? Palette.BLUE : STOPPED;
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            s.setLineStyle(new BasicStroke(win ? 3.5f : 1.2f));
            for (Point p : l.points()) {
                lo = Math.min(lo, p.top1());
                hi = Math.max(hi, p.top1());
                minX = Math.min(minX, p.steps());
                maxX = Math.max(maxX, p.steps());
            }
        }
        double[] y = ChartStyle.fitAxes(c, lo, hi, minX, maxX, 1.25);
        // the log axis labels decades only: each rung's steps are written at the foot of the plot
        for (long steps : rungSteps()) {
            c.addAnnotation(new AnnotationText(steps + " steps", steps, y[0] + (y[1] - y[0]) * 0.025, false));
        }
        return c;
    }

    /** The distinct steps of the rungs drawn, in increasing order. */
    public List<Long> rungSteps() {
        return lines.stream().flatMap(l -> l.points().stream()).map(Point::steps).distinct().sorted().toList();
    }

    /** The series drawn for the winners: their line style, for tests and the page. */
    static boolean highlighted(XYSeries s) {
        return Palette.VERMILION.equals(s.getLineColor()) && s.getLineStyle().getLineWidth() > 3;
    }
}
