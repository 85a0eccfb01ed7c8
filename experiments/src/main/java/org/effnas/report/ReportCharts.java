package org.effnas.report;

import static org.effnas.report.HtmlReport.title;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.effnas.report.chart.AccuracyMacsChart;
import org.effnas.report.chart.BestRewardChart;
import org.effnas.report.chart.Dot;
import org.effnas.report.chart.GridHeatmapChart;
import org.effnas.report.chart.ReportChart;
import org.effnas.report.chart.RungLadderChart;
import org.effnas.report.chart.ScalingCurvesChart;

/**
 * The report's charts, made from an experiment's results: accuracy vs multiply-adds with the Pareto
 * front and T, best reward over evaluations and over time per search run, the alpha/beta/gamma grid
 * as a heatmap, and the family against single-dimension scaling. A chart with nothing to draw is
 * left out.
 */
public final class ReportCharts {

    private ReportCharts() {
    }

    public static List<ReportChart> of(ExperimentResults r) {
        List<ReportChart> charts = new ArrayList<>();
        List<SearchPoint> ok = r.search().stream().filter(p -> p.m().ok() && p.m().macs() > 0).toList();
        if (!ok.isEmpty()) {
            charts.add(accuracyVsMacs(r, ok));
            if (ok.stream().anyMatch(p -> Double.isFinite(p.reward()))) {
                charts.add(bestReward(r, false));
                if (ok.stream().anyMatch(p -> Double.isFinite(p.elapsedSeconds()))) {
                    charts.add(bestReward(r, true));
                }
            }
        }
        if (r.grid().stream().anyMatch(p -> p.m().ok())) {
            charts.add(gridHeatmap(r));
        }
        if (r.family().stream().anyMatch(p -> p.m().ok() && p.m().macs() > 0)) {
            charts.add(familyScaling(r));
        }
        return charts;
    }

    /**
     * The rung ladder of each phase in {@code rungs.csv} whose candidates reached more than one rung
     * (the family trains at the top rung only, so it has none): one line per candidate, the winner
     * highlighted (the search's best reward at the highest rung, from candidates.csv; the grid's
     * winning triple, every seed of it, from grid.csv).
     */
    public static List<RungLadderChart> rungLadders(List<RungPoint> rungs, ExperimentResults r) {
        Map<String, List<RungPoint>> byPhase = new LinkedHashMap<>();
        rungs.forEach(p -> byPhase.computeIfAbsent(p.phase(), k -> new ArrayList<>()).add(p));
        List<RungLadderChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<RungPoint>> e : byPhase.entrySet()) {
            List<RungPoint> ok = e.getValue().stream().filter(p -> Double.isFinite(p.top1())).toList();
            if (ok.stream().map(RungPoint::rung).distinct().count() < 2) {
                continue;
            }
            Map<String, List<RungPoint>> byCandidate = new LinkedHashMap<>();
            ok.forEach(p -> byCandidate.computeIfAbsent(p.candidate(), k -> new ArrayList<>()).add(p));
            List<RungLadderChart.Line> lines = new ArrayList<>();
            byCandidate.forEach((id, ps) -> lines.add(new RungLadderChart.Line(id, ps.stream()
                    .sorted(Comparator.comparingInt(RungPoint::rung))
                    .map(p -> new RungLadderChart.Point(p.rung(), p.steps(), p.top1())).toList())));
            Set<String> winners = ladderWinners(e.getKey(), r);
            long promoted = lines.stream().filter(RungLadderChart.Line::promoted).count();
            String caption = "Minival top-1 of every " + e.getKey() + " candidate at each rung it reached, against its "
                    + "training steps (log scale): " + lines.size() + " candidates, " + promoted + " promoted (a promoted "
                    + "candidate continues from its checkpoint, so its line goes on to the right); the winner ("
                    + (e.getKey().equals("grid") ? "the best mean top-1 at the top rung" : "the best reward at the highest "
                    + "rung reached, so not always the best top-1") + ")"
                    + (winners.size() > 1 ? "'s " + winners.size() + " seeds are" : " is") + " drawn thick in vermilion"
                    + "; " + r.title();
            charts.add(new RungLadderChart(e.getKey(), title("Rung ladder: " + e.getKey(), r.surrogate()), caption,
                    lines, winners));
        }
        return charts;
    }

    /** The highlighted candidates of a phase's ladder, by base id (a result id is {@code c000042@r2}). */
    static Set<String> ladderWinners(String phase, ExperimentResults r) {
        Set<String> out = new HashSet<>();
        if (phase.equals("grid")) {
            r.grid().stream().filter(GridPoint::winner).forEach(p -> out.add(baseId(p.m().candidateId())));
            return out;
        }
        String run = phase.equals("random") ? "random" : r.runs().stream().filter(n -> !n.equals("random")).findFirst()
                .orElse(null);
        r.search().stream().filter(p -> p.run().equals(run) && p.m().ok() && Double.isFinite(p.reward()))
                .max(Comparator.comparingInt((SearchPoint p) -> rungOf(p.m().candidateId()))
                        .thenComparingDouble(SearchPoint::reward))
                .ifPresent(p -> out.add(baseId(p.m().candidateId())));
        return out;
    }

    private static String baseId(String id) {
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    private static int rungOf(String id) {
        int at = id.indexOf("@r");
        try {
            return at < 0 ? 0 : Integer.parseInt(id.substring(at + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static AccuracyMacsChart accuracyVsMacs(ExperimentResults r, List<SearchPoint> ok) {
        Map<String, List<Dot>> runs = new LinkedHashMap<>();
        for (String run : r.runs()) {
            runs.put(run, ok.stream().filter(p -> p.run().equals(run))
                    .map(p -> new Dot(p.m().macs(), p.m().top1(), p.m().candidateId())).toList());
        }
        Dot best = ok.stream().filter(p -> Double.isFinite(p.reward())).max(Comparator.comparingDouble(SearchPoint::reward))
                .map(p -> new Dot(p.m().macs(), p.m().top1(), p.m().candidateId())).orElse(null);
        return AccuracyMacsChart.of(title("Accuracy vs multiply-adds", r.surrogate()),
                "Every searched candidate's minival top-1 (n = " + images(r) + " images each) against its multiply-adds; "
                        + "the Pareto front joins the candidates no other beats on both; the dashed line is the "
                        + "reward's target T; " + r.title(),
                runs, best, r.targetMacs());
    }

    static BestRewardChart bestReward(ExperimentResults r, boolean overTime) {
        double longest = r.search().stream().mapToDouble(SearchPoint::elapsedSeconds).filter(Double::isFinite)
                .max().orElse(0);
        // Short (surrogate) runs read better in seconds, real ones in minutes.
        double unit = overTime && longest >= 120 ? 60 : 1;
        Map<String, List<BestRewardChart.Step>> runs = new LinkedHashMap<>();
        for (String run : r.runs()) {
            List<SearchPoint> pts = r.search().stream().filter(p -> p.run().equals(run))
                    .filter(p -> !overTime || Double.isFinite(p.elapsedSeconds()))
                    .sorted(Comparator.comparingDouble(p -> overTime ? p.elapsedSeconds() : p.index())).toList();
            List<BestRewardChart.Step> line = new ArrayList<>();
            double best = Double.NEGATIVE_INFINITY;
            for (SearchPoint p : pts) {
                if (Double.isFinite(p.reward()) && p.reward() > best) {
                    best = p.reward();
                }
                if (Double.isFinite(best)) {
                    line.add(new BestRewardChart.Step(overTime ? p.elapsedSeconds() / unit : p.index(), best));
                }
            }
            runs.put(run, line);
        }
        String xLabel = !overTime ? "evaluations finished" : (unit == 60 ? "minutes" : "seconds") + " since the run started";
        return new BestRewardChart(overTime ? "best-reward-vs-time" : "best-reward-vs-evaluations",
                title("Best reward vs " + (overTime ? "wall time" : "evaluations"), r.surrogate()),
                String.join(" vs ", r.runs()) + ": the best reward found so far; " + r.title(), xLabel, runs);
    }

    static GridHeatmapChart gridHeatmap(ExperimentResults r) {
        List<GridTriple> triples = GridTriple.of(r.grid(), r.evalImages());
        List<GridHeatmapChart.Cell> cells = new ArrayList<>();
        GridHeatmapChart.Cell winner = null;
        GridOutcome outcome = GridOutcome.of(triples).orElse(null);
        for (GridTriple t : triples) {
            GridHeatmapChart.Cell cell = new GridHeatmapChart.Cell(t.alpha(), t.beta(), t.gamma(),
                    t.accuracy().mean(), t.accuracy().seeds(), t.rung(), t.steps());
            cells.add(cell);
            if (outcome != null && t.equals(outcome.winner())) {
                winner = cell;
            }
        }
        double lo = cells.stream().mapToDouble(GridHeatmapChart.Cell::value).filter(Double::isFinite).min().orElse(Double.NaN);
        double hi = cells.stream().mapToDouble(GridHeatmapChart.Cell::value).filter(Double::isFinite).max().orElse(Double.NaN);
        GridHeatmapChart chart = new GridHeatmapChart(title("Compound-scaling grid", r.surrogate()), "", cells, winner);
        String caption = "Mean minival top-1 of each (alpha, beta, gamma) triple at phi = 1 (one cell per triple, "
                + "alpha across, one row per gamma and beta; colour from light blue " + NumberText.percent(lo)
                + " to yellow " + NumberText.percent(hi) + ")"
                + (chart.rungsMarked() ? "; each cell is the triple's mean at the highest rung it reached, with that "
                + "rung's training steps under it: triples stopped at a low rung were trained less, so compare cells "
                + "of equal steps" : "")
                + (winner == null ? "" : "; the winner " + outcome.winner().label() + " is outlined"
                + (chart.rungsMarked() ? " (decided among the triples at the top rung)" : "")) + "; " + r.title();
        return new GridHeatmapChart(chart.title(), caption, cells, winner);
    }

    static ScalingCurvesChart familyScaling(ExperimentResults r) {
        List<ModelRow> rows = ModelRow.of(r.family(), r.evalImages());
        ModelRow base = rows.stream().filter(m -> m.compound() && m.phi() == 0).findFirst().orElse(null);
        Map<String, List<ScalingCurvesChart.Model>> curves = new LinkedHashMap<>();
        for (ModelRow m : rows) {
            List<ScalingCurvesChart.Model> curve = curves.computeIfAbsent(m.scaling(), k -> new ArrayList<>());
            if (!m.compound() && base != null && curve.isEmpty()) {
                curve.add(new ScalingCurvesChart.Model(base.name(), base.macs(), base.accuracy()));
            }
            curve.add(new ScalingCurvesChart.Model(m.name(), m.macs(), m.accuracy()));
        }
        List<ScalingCurvesChart.Curve> list = new ArrayList<>();
        curves.forEach((k, v) -> list.add(new ScalingCurvesChart.Curve(k, v.stream()
                .sorted(Comparator.comparingDouble(ScalingCurvesChart.Model::macs)).toList())));
        int seeds = rows.stream().mapToInt(m -> m.accuracy().seeds()).max().orElse(0);
        return new ScalingCurvesChart(title("Scaled family vs single-dimension scaling", r.surrogate()),
                "Mean minival top-1 of each model (phi = 0, 1, ...) against its multiply-adds, compound scaling against "
                        + "width, depth or resolution scaled alone" + (seeds > 1 ? "; bars: 95% intervals over up to "
                        + seeds + " seeds" : "") + "; " + r.title(), list);
    }

    private static String images(ExperimentResults r) {
        return r.evalImages() > 0 ? Integer.toString(r.evalImages()) : "unknown";
    }
}
