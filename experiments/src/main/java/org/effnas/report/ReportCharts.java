package org.effnas.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.report.chart.Axis;
import org.effnas.report.chart.Chart;
import org.effnas.report.chart.HeatmapChart;
import org.effnas.report.chart.Palette;
import org.effnas.report.chart.Point;
import org.effnas.report.chart.ReferenceLine;
import org.effnas.report.chart.Series;
import org.effnas.report.chart.XYChart;

/**
 * The report's charts, made from an experiment's results: accuracy vs multiply-adds with the Pareto
 * front and T, best reward over evaluations and over time per search run, the alpha/beta/gamma grid
 * as heatmaps, and the family against single-dimension scaling. A chart with nothing to draw is left
 * out.
 */
public final class ReportCharts {

    private static final Color[] RUN_COLOURS = {Palette.BLUE, Palette.PURPLE, Palette.SKY, Palette.ORANGE};

    private ReportCharts() {
    }

    public static List<Chart> of(ExperimentResults r) {
        List<Chart> charts = new ArrayList<>();
        List<SearchPoint> ok = r.search().stream().filter(p -> p.m().ok() && p.m().macs() > 0).toList();
        if (!ok.isEmpty()) {
            charts.add(accuracyVsMacs(r, ok));
            charts.add(bestReward(r, false));
            charts.add(bestReward(r, true));
        }
        if (r.grid().stream().anyMatch(p -> p.m().ok())) {
            charts.add(gridHeatmap(r));
        }
        if (r.family().stream().anyMatch(p -> p.m().ok() && p.m().macs() > 0)) {
            charts.add(familyScaling(r));
        }
        return charts;
    }

    /** The title with the SURROGATE warning when any of its numbers are not from training. */
    static String titled(String title, boolean surrogate) {
        return surrogate ? "SURROGATE - " + title : title;
    }

    private static Color runColour(List<String> runs, String run) {
        return run.equals("random") && runs.size() > 1 ? Palette.GREY : RUN_COLOURS[Math.max(0, runs.indexOf(run)) % RUN_COLOURS.length];
    }

    static Chart accuracyVsMacs(ExperimentResults r, List<SearchPoint> ok) {
        List<String> runs = r.runs();
        List<Series> series = new ArrayList<>();
        for (String run : runs) {
            List<Point> pts = ok.stream().filter(p -> p.run().equals(run))
                    .map(p -> Point.of(p.m().macs(), p.m().top1())).toList();
            series.add(Series.of(run + " candidates", runColour(runs, run), pts,
                    run.equals("random") && runs.size() > 1 ? Series.Style.HOLLOW_MARKERS : Series.Style.MARKERS));
        }
        List<Point> front = paretoFront(ok);
        series.add(Series.of("Pareto front", Palette.VERMILION, front, Series.Style.LINE));
        SearchPoint best = ok.stream().filter(p -> Double.isFinite(p.reward()))
                .max(Comparator.comparingDouble(SearchPoint::reward)).orElse(null);
        if (best != null) {
            series.add(Series.of("best reward (" + best.m().candidateId() + ")", Palette.INK,
                    List.of(Point.of(best.m().macs(), best.m().top1())), Series.Style.HIGHLIGHT));
        }
        double minX = ok.stream().mapToDouble(p -> p.m().macs()).min().orElse(1);
        double maxX = ok.stream().mapToDouble(p -> p.m().macs()).max().orElse(1);
        List<ReferenceLine> lines = new ArrayList<>();
        if (r.targetMacs() > 0) {
            lines.add(ReferenceLine.atX(r.targetMacs(), "target T = " + Axis.macs(r.targetMacs()), Palette.GREEN));
            minX = Math.min(minX, r.targetMacs());
            maxX = Math.max(maxX, r.targetMacs());
        }
        double minY = ok.stream().mapToDouble(p -> p.m().top1()).min().orElse(0);
        double maxY = ok.stream().mapToDouble(p -> p.m().top1()).max().orElse(1);
        return XYChart.of("accuracy-vs-macs", titled("Accuracy vs multiply-adds of every candidate", r.surrogate()),
                r.title() + " - " + ok.size() + " evaluated, " + (r.search().size() - ok.size()) + " failed",
                r.surrogate(),
                Axis.logarithmic("multiply-adds per image", minX, maxX, Axis::macs),
                Axis.linear("minival top-1 accuracy", minY, maxY, Axis::percent), series, lines);
    }

    /** The non-dominated candidates (no other has at least their accuracy at no more MACs), by MACs. */
    static List<Point> paretoFront(List<SearchPoint> ok) {
        List<SearchPoint> sorted = new ArrayList<>(ok);
        sorted.sort(Comparator.comparingLong((SearchPoint p) -> p.m().macs())
                .thenComparing(Comparator.comparingDouble((SearchPoint p) -> p.m().top1()).reversed()));
        List<Point> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (SearchPoint p : sorted) {
            if (p.m().top1() > best) {
                front.add(Point.of(p.m().macs(), p.m().top1()));
                best = p.m().top1();
            }
        }
        return front;
    }

    static Chart bestReward(ExperimentResults r, boolean overTime) {
        List<String> runs = r.runs();
        double longest = r.search().stream().mapToDouble(SearchPoint::elapsedSeconds).filter(Double::isFinite)
                .max().orElse(0);
        // Short (surrogate) runs read better in seconds, real ones in minutes.
        double unit = overTime && longest >= 120 ? 60 : 1;
        List<Series> series = new ArrayList<>();
        double maxX = 0;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (String run : runs) {
            List<SearchPoint> pts = r.search().stream().filter(p -> p.run().equals(run))
                    .filter(p -> !overTime || Double.isFinite(p.elapsedSeconds()))
                    .sorted(Comparator.comparingDouble(p -> overTime ? p.elapsedSeconds() : p.index())).toList();
            List<Point> line = new ArrayList<>();
            double best = Double.NEGATIVE_INFINITY;
            for (SearchPoint p : pts) {
                double x = overTime ? p.elapsedSeconds() / unit : p.index();
                if (Double.isFinite(p.reward()) && p.reward() > best) {
                    best = p.reward();
                }
                if (Double.isFinite(best)) {
                    line.add(Point.of(x, best));
                    minY = Math.min(minY, best);
                    maxY = Math.max(maxY, best);
                }
                maxX = Math.max(maxX, x);
            }
            series.add(Series.of(run + " (best so far)", runColour(runs, run), line, Series.Style.STEP));
        }
        if (!Double.isFinite(minY)) {
            minY = 0;
            maxY = 1;
        }
        String subject = runs.size() > 1 ? String.join(" vs ", runs) : runs.get(0);
        String xLabel = !overTime ? "evaluations finished"
                : (unit == 60 ? "minutes" : "seconds") + " since the run started";
        return XYChart.of(overTime ? "best-reward-vs-time" : "best-reward-vs-evaluations",
                titled("Best reward vs " + (overTime ? "wall time" : "evaluations"), r.surrogate()),
                subject + ": best reward = ACC x (MACs / T)^w found so far; " + r.title(), r.surrogate(),
                Axis.fromZero(xLabel, maxX, Axis::plain), Axis.linear("best reward", minY, maxY, Axis::plain),
                series, List.of());
    }

    static Chart gridHeatmap(ExperimentResults r) {
        Map<String, HeatmapChart.Cell> cells = new LinkedHashMap<>();
        HeatmapChart.Cell winner = null;
        for (GridPoint p : r.grid()) {
            String key = p.alpha() + "/" + p.beta() + "/" + p.gamma();
            HeatmapChart.Cell cell = new HeatmapChart.Cell(p.alpha(), p.beta(), p.gamma(), p.meanTop1());
            cells.putIfAbsent(key, cell);
            if (p.winner()) {
                winner = cell;
            }
        }
        String sub = "mean minival top-1 at phi = 1 over alpha (depth) and beta (width), one panel per gamma (resolution)";
        if (winner != null) {
            sub = "winner alpha = " + Axis.plain(winner.alpha()) + ", beta = " + Axis.plain(winner.beta())
                    + ", gamma = " + Axis.plain(winner.gamma()) + " (outlined); " + sub;
        }
        return new HeatmapChart("grid-heatmap", titled("Compound-scaling grid (alpha, beta, gamma)", r.surrogate()),
                sub, r.surrogate(), "top-1", Axis::percent, List.copyOf(cells.values()), winner);
    }

    static Chart familyScaling(ExperimentResults r) {
        // One point per model: the mean over its seeds (every row is one evaluation).
        Map<String, Map<String, List<FamilyPoint>>> byScaling = new LinkedHashMap<>();
        for (FamilyPoint p : r.family()) {
            if (p.m().ok() && p.m().macs() > 0) {
                byScaling.computeIfAbsent(p.scaling(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            }
        }
        Point base = null;
        List<FamilyPoint> b0 = byScaling.getOrDefault(FamilyPoint.COMPOUND, Map.of()).values().stream()
                .filter(ps -> ps.get(0).phi() == 0).findFirst().orElse(null);
        if (b0 != null) {
            base = Point.of(b0.get(0).m().macs(), b0.stream().mapToDouble(p -> p.m().top1()).average().orElse(Double.NaN));
        }
        Map<String, Color> colours = Map.of(FamilyPoint.COMPOUND, Palette.VERMILION, "width", Palette.BLUE,
                "depth", Palette.GREEN, "resolution", Palette.PURPLE);
        List<Series> series = new ArrayList<>();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = 0;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Map<String, List<FamilyPoint>>> e : byScaling.entrySet()) {
            boolean compound = e.getKey().equals(FamilyPoint.COMPOUND);
            List<Point> pts = new ArrayList<>();
            if (!compound && base != null) {
                pts.add(base);
            }
            for (Map.Entry<String, List<FamilyPoint>> model : e.getValue().entrySet()) {
                double acc = model.getValue().stream().mapToDouble(p -> p.m().top1()).average().orElse(Double.NaN);
                long macs = model.getValue().get(0).m().macs();
                pts.add(Point.of(macs, acc, model.getKey()));
            }
            for (Point p : pts) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
            }
            String label = compound ? "compound scaling (family)" : e.getKey() + " only";
            Series s = Series.of(label, colours.getOrDefault(e.getKey(), Palette.GREY), pts, Series.Style.LINE);
            series.add(compound ? s.labelled() : s);
        }
        return XYChart.of("family-scaling", titled("Scaled family vs single-dimension scaling", r.surrogate()),
                "accuracy vs multiply-adds of each member (phi = 0, 1, ...) and of width, depth or resolution scaled alone; "
                        + r.title(), r.surrogate(),
                Axis.logarithmic("multiply-adds per image", minX, maxX, Axis::macs),
                Axis.linear("top-1 accuracy", minY, maxY, Axis::percent), series, List.of());
    }
}
