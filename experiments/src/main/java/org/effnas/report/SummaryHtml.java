package org.effnas.report;

import java.util.List;
import java.util.Locale;
import org.effnas.report.statistics.AccuracyInterval;

/**
 * The report's first screen as HTML: the winning baseline, the grid winner and its margin, the
 * family table and the files to use next. Its figures carry {@code data-check}, {@code data-value}
 * and {@code data-format} attributes, so {@link ReportCheck} can compare them with their sources.
 */
final class SummaryHtml {

    private SummaryHtml() {
    }

    static void append(StringBuilder b, ExperimentResults r, ReportSummary summary, boolean s) {
        b.append("<section id=\"summary\"><h2>").append(HtmlReport.esc(HtmlReport.title("Summary", s))).append("</h2>\n");
        if (r.isEmpty()) {
            b.append("<p>No results yet: the experiment has not finished any evaluation.</p>\n");
        }
        summary.baseline().ifPresent(base -> {
            b.append("<p class=\"headline\" id=\"summary-baseline\"><b>Winning baseline</b> <code>")
                    .append(HtmlReport.esc(base.candidateId())).append("</code> (").append(HtmlReport.esc(base.run())).append("): top-1 ")
                    .append(checked("baseline.top1", base.accuracy().mean(), "percent2")).append(" ")
                    .append(HtmlReport.esc(interval(base.accuracy()))).append(", ")
                    .append(checked("baseline.macs", base.macs(), "count")).append(" MACs, ")
                    .append(checked("baseline.params", base.params(), "count")).append(" params, latency ")
                    .append(checked("baseline.latency_ms", base.latencyMs(), "ms"));
            if (Double.isFinite(base.reward())) {
                b.append(", reward ").append(HtmlReport.esc(NumberText.fixed(base.reward(), 4)));
            }
            b.append(". <span class=\"sub\">Figures from <code>").append(HtmlReport.esc(base.source())).append("</code>");
            if (base.source().equals(ReportSummary.BEST_METRICS)) {
                b.append(" (the winner as saved in best/model.zip: retrained, or its top-rung checkpoint); in the search it scored ")
                        .append(HtmlReport.esc(NumberText.percent2(base.searched().mean())));
                if (base.accuracy().measured() && !base.accuracy().overlaps(base.searched())) {
                    b.append(" <span class=\"noise\" id=\"retrain-disagrees\">the retrain disagrees with the "
                            + "search beyond noise (the 95% intervals do not overlap): the search's figure for this "
                            + "candidate is doubtful; check its worker</span>");
                }
            }
            b.append(".</span></p>\n");
        });
        summary.deployed().ifPresent(d -> d.append(b));
        summary.grid().ifPresent(g -> {
            GridTriple w = g.winner();
            b.append("<p class=\"headline\" id=\"summary-grid\"><b>Grid winner</b> ").append(HtmlReport.esc(w.label()))
                    .append(": mean top-1 ").append(checked("grid.winner.top1", w.accuracy().mean(), "percent2"))
                    .append(" ").append(HtmlReport.esc(interval(w.accuracy()))).append(", ")
                    .append(HtmlReport.esc(NumberText.macs(w.macs()))).append(" MACs");
            if (g.runnerUp() != null) {
                GridTriple u = g.runnerUp();
                b.append("; margin over the runner-up ").append(HtmlReport.esc(u.label())).append(" (")
                        .append(HtmlReport.esc(NumberText.percent2(u.accuracy().mean()))).append("): ")
                        .append(HtmlReport.esc(String.format(Locale.ROOT, "%+.2f", g.margin() * 100))).append(" points");
                if (g.withinNoise()) {
                    b.append(" <span class=\"noise\" id=\"within-noise\">within noise: the 95% intervals overlap")
                            .append(g.exactTie() ? "; equal means, chosen by fewer MACs" : "").append("</span>");
                }
            }
            b.append(".</p>\n");
        });
        if (!summary.family().isEmpty()) {
            family(b, summary.family(), r, s);
        }
        LatencyTable.append(b, r);
        if (!summary.nextSteps().isEmpty()) {
            b.append("<h3>Files to use next</h3>\n<table><tr><th class=\"l\">file</th><th class=\"l\">what</th>")
                    .append("<th class=\"l\">command</th></tr>\n");
            for (ReportSummary.NextStep n : summary.nextSteps()) {
                b.append("<tr><td class=\"l\"><code>").append(HtmlReport.esc(n.file())).append("</code></td>").append(HtmlReport.tdl(n.what()))
                        .append("<td class=\"l\">").append(n.command().isEmpty() ? "" : "<code>" + HtmlReport.esc(n.command()) + "</code>")
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("</section>\n");
    }

    /** A figure the content check compares with its source file: raw value in data-value, shown formatted. */
    static String checked(String key, double value, String format) {
        return "<span data-check=\"" + HtmlReport.esc(key) + "\" data-value=\"" + (Double.isNaN(value) ? "NaN" : Measurement.num(value))
                + "\" data-format=\"" + format + "\">" + HtmlReport.esc(format(value, format)) + "</span>";
    }

    /** How {@link #checked} shows a value; {@link ReportCheck} formats the file's value the same way. */
    static String format(double value, String format) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        return switch (format) {
            case "percent2" -> NumberText.percent2(value);
            case "count" -> String.format(Locale.ROOT, "%,d", Math.round(value));
            case "ms" -> String.format(Locale.ROOT, "%.2f ms", value);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }

    private static String interval(AccuracyInterval a) {
        if (!a.measured()) {
            return "";
        }
        return "(" + (a.hasInterval() ? "95% CI " + HtmlReport.ci(a) + ", " : "") + a.countText() + ")";
    }

    private static void family(StringBuilder b, List<ModelRow> rows, ExperimentResults r, boolean s) {
        b.append("<h3>").append(HtmlReport.esc(HtmlReport.title("Scaled family", s))).append("</h3>\n<p class=\"sub\">")
                .append("One row per model, its seeds folded into the mean; compound members (B) and single-dimension ")
                .append("comparisons (W width, D depth, R resolution); specs of every model in <code>family/</code>.</p>\n");
        b.append("<table id=\"family-table\"><tr><th class=\"l\">model</th><th class=\"l\">scaling</th><th>phi</th>")
                .append("<th>width</th><th>depth</th><th>resolution</th><th>seeds</th><th>n</th><th>mean top-1</th>")
                .append("<th>95% CI</th><th>MACs</th><th>params</th><th>latency ms</th></tr>\n");
        for (ModelRow m : rows) {
            b.append(m.compound() ? "<tr class=\"win\">" : "<tr>").append(m.onnx().isEmpty() ? HtmlReport.tdl(m.name())
                    : "<td class=\"l\">" + HtmlReport.esc(m.name()) + " <a href=\"" + HtmlReport.esc(m.onnx())
                    + "\"><code>model.onnx</code></a></td>").append(HtmlReport.tdl(m.scaling()))
                    .append(HtmlReport.td(NumberText.plain(m.phi()))).append(HtmlReport.td(NumberText.fixed(m.width(), 3)))
                    .append(HtmlReport.td(NumberText.fixed(m.depth(), 3))).append(HtmlReport.td(Integer.toString(m.resolution())))
                    .append(HtmlReport.td(m.accuracy().seeds() + (m.failed() > 0 ? " (+" + m.failed() + " failed)" : "")))
                    .append(HtmlReport.td(r.evalImages() > 0 ? Integer.toString(r.evalImages()) : "?"))
                    .append(HtmlReport.td(m.accuracy().measured() ? NumberText.percent2(m.accuracy().mean()) : "failed"))
                    .append(HtmlReport.td(HtmlReport.ci(m.accuracy()))).append(HtmlReport.td(NumberText.macs(m.macs())))
                    .append(HtmlReport.td(NumberText.macs(m.params()))).append(HtmlReport.td(NumberText.fixed(m.latencyMs(), 2)))
                    .append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
