package org.effnas.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.effnas.report.chart.ReportChart;
import org.effnas.report.statistics.AccuracyInterval;
import org.effnas.report.statistics.IntervalMethod;

/**
 * Writes the self-contained {@code report.html}, results first: the summary (what won, by how much,
 * how sure, what to use next), the charts as inline SVG, the tables, the method notes, the settings,
 * what the directory holds and the provenance of every number. Nothing is loaded from the network.
 * When any result came from the surrogate, a banner and every chart and table title say SURROGATE;
 * a run still in progress is marked PARTIAL.
 *
 * <p>The summary's figures carry {@code data-check}, {@code data-value} and {@code data-format}
 * attributes, so {@link ReportCheck} can compare them with the files they come from.
 */
public final class HtmlReport {

    /** A chart and its inline SVG. */
    public record Figure(ReportChart chart, String svg, List<ReportChart.LegendEntry> legend) {
    }

    private static final int TOP_CANDIDATES = 15;

    private static final String CSS = """
            body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;background:#f6f7f9;color:#222}
            main{max-width:1040px;margin:0 auto;padding:24px 32px 48px;background:#fff;overflow-wrap:anywhere}
            h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:36px 0 10px;border-bottom:2px solid #e3e3e3;padding-bottom:4px}
            h3{font-size:16px;margin:20px 0 6px}
            .sub{color:#555;margin:0 0 16px}
            .surrogate{background:#b00020;color:#fff;font-weight:bold;padding:12px 16px;border-radius:6px;margin:12px 0}
            .partial{background:#8a5a00;color:#fff;font-weight:bold;padding:12px 16px;border-radius:6px;margin:12px 0}
            .headline{font-size:16px;line-height:1.5;margin:6px 0}
            .noise{background:#fff4d6;border-left:4px solid #e69f00;padding:2px 8px}
            .facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px;font-size:14px}
            .facts dt{color:#555}.facts dd{margin:0;min-width:0}
            figure{margin:16px 0}figure svg{display:block;width:100%;height:auto;border:1px solid #ddd}
            figcaption{font-size:13px;color:#555;margin-top:4px}
            .chart-title{font-weight:bold;font-size:16px;margin:0 0 4px}
            ul.legend{list-style:none;padding:0;margin:4px 0;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 18px}
            .swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px;border-radius:2px}
            table{border-collapse:collapse;font-size:13px;width:100%;margin:8px 0;table-layout:auto}
            th,td{border-bottom:1px solid #e3e3e3;padding:4px 6px;text-align:right;vertical-align:top}
            th{background:#f0f2f5;white-space:nowrap}td{white-space:nowrap}td.l,td.spec{white-space:normal}td.nw{white-space:nowrap;overflow-wrap:normal}
            td.l,th.l{text-align:left}th.l{white-space:normal}td.spec{font-family:'DejaVu Sans Mono',monospace;font-size:11px;text-align:left;word-break:break-all}
            tr.win td{background:#fff4d6;font-weight:bold}
            .fail{color:#b00020}
            code{font-family:'DejaVu Sans Mono',monospace;font-size:12px;word-break:break-all;white-space:pre-wrap}
            footer{margin-top:32px;font-size:12px;color:#777}
            """;

    private HtmlReport() {
    }

    /**
     * @param facts    the experiment's settings (label to value, in order); empty when unknown
     * @param figures  the charts in display order
     * @param softMode the reward is soft (then it can exceed the accuracy below T)
     * @param rungs    the multi-fidelity section's HTML (empty for a one-rung experiment), shown with
     *                 the results, before the method notes
     */
    public static String render(ExperimentResults r, ReportSummary summary, Map<String, String> facts,
                                List<Figure> figures, boolean softMode, String rungs) {
        boolean s = r.surrogate();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc((s ? "SURROGATE - " : "") + "effnas report - " + r.title())).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body><main>\n");
        b.append("<h1>").append(esc((s ? "SURROGATE - " : "") + "effnas experiment report")).append("</h1>\n");
        b.append("<p class=\"sub\">").append(esc(r.title())).append("</p>\n");
        if (s) {
            b.append("<div class=\"surrogate\">SURROGATE: some or all numbers in this report come from the analytic ")
                    .append("surrogate evaluator, not from training networks. They exercise the pipeline; they say nothing ")
                    .append("about real accuracy.</div>\n");
        }
        DirectoryContents contents = summary.contents();
        if (contents.partial()) {
            b.append("<div class=\"partial\" id=\"partial\">PARTIAL: the experiment is still running or was interrupted; ")
                    .append(contents.phasesDone()).append("/").append(contents.phases().size()).append(" phases done (")
                    .append(esc(String.join("; ", contents.phases().stream().map(DirectoryContents.Phase::text).toList())))
                    .append("). Rebuild this report with <code>effnas report DIR</code> later.</div>\n");
        }
        SummaryHtml.append(b, r, summary, s);
        if (!figures.isEmpty()) {
            b.append("<h2>").append(esc(title("Charts", s))).append("</h2>\n");
            for (Figure f : figures) {
                figure(b, f);
            }
        }
        if (!r.search().isEmpty()) {
            topCandidates(b, r, s);
        }
        if (!r.grid().isEmpty()) {
            grid(b, r, summary, s);
        }
        b.append(rungs);
        methods(b, r, softMode);
        if (!facts.isEmpty()) {
            b.append("<h2>Settings</h2>\n<dl class=\"facts\">");
            for (Map.Entry<String, String> f : facts.entrySet()) {
                b.append("<dt>").append(esc(f.getKey())).append("</dt><dd>").append(esc(f.getValue())).append("</dd>");
            }
            b.append("</dl>\n");
        }
        directory(b, contents);
        provenance(b, r, s);
        b.append("<footer>Written by effnas; rebuild with <code>effnas report DIR</code>.</footer>\n");
        b.append("</main></body></html>\n");
        return b.toString();
    }

    /** One chart: its title, inline SVG, legend as text and caption naming the PNG beside the report. */
    static void figure(StringBuilder b, Figure f) {
        b.append("<figure class=\"chart\" data-chart=\"").append(esc(f.chart().name())).append("\">")
                .append("<div class=\"chart-title\">").append(esc(f.chart().title())).append("</div>")
                .append(f.svg());
        if (!f.legend().isEmpty()) {
            b.append("<ul class=\"legend\">");
            for (ReportChart.LegendEntry e : f.legend()) {
                b.append("<li><span class=\"swatch\" style=\"background:").append(hex(e.colour()))
                        .append("\"></span>").append(esc(e.label())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<figcaption>").append(esc(f.chart().caption()))
                .append(" (also <code>").append(esc(f.chart().name())).append(".png</code>)</figcaption></figure>\n");
    }

    /** The title with the SURROGATE warning when any of its numbers are not from training. */
    static String title(String t, boolean surrogate) {
        return surrogate ? "SURROGATE - " + t : t;
    }

    private static void topCandidates(StringBuilder b, ExperimentResults r, boolean s) {
        List<SearchPoint> ranked = new ArrayList<>(r.search().stream().filter(p -> p.m().ok()).toList());
        ranked.sort(Comparator.comparingDouble((SearchPoint p) -> Double.isFinite(p.reward()) ? -p.reward() : 0)
                .thenComparingDouble(p -> -p.m().top1()));
        List<SearchPoint> failures = r.search().stream().filter(p -> !p.m().ok()).toList();
        b.append("<h2>").append(esc(title("Top candidates by reward", s))).append("</h2>\n<p class=\"sub\">")
                .append(r.search().size()).append(" evaluated (").append(failures.size()).append(" failed) in ")
                .append(esc(String.join(", ", r.runs()))).append("; top ").append(Math.min(TOP_CANDIDATES, ranked.size()))
                .append(" shown, all in <code>candidates.csv</code>. Each top-1 is one evaluation on ")
                .append(r.evalImages() > 0 ? "n = " + r.evalImages() + " minival images" : "an unknown number of images")
                .append(".</p>\n");
        b.append("<table><tr><th>#</th><th class=\"l\">id</th><th class=\"l\">run</th><th>reward</th><th>top-1</th>")
                .append("<th>95% CI</th><th>MACs</th><th>params</th><th>wall s</th><th class=\"l\">worker</th><th>seed</th>")
                .append("<th class=\"l\">blocks (full spec in candidates.csv)</th></tr>\n");
        for (int i = 0; i < Math.min(TOP_CANDIDATES, ranked.size()); i++) {
            SearchPoint p = ranked.get(i);
            AccuracyInterval a = AccuracyInterval.of(List.of(p.m().top1()), r.evalImages());
            b.append(i == 0 ? "<tr class=\"win\">" : "<tr>").append(td(Integer.toString(i + 1)))
                    .append(tdn(p.m().candidateId())).append(tdn(p.run())).append(td(NumberText.fixed(p.reward(), 4)))
                    .append(td(NumberText.percent2(p.m().top1()))).append(td(ci(a)))
                    .append(td(NumberText.macs(p.m().macs()))).append(td(NumberText.macs(p.m().params())))
                    .append(td(NumberText.fixed(p.m().wallSeconds(), 1))).append(tdn(p.m().workerId()))
                    .append(td(Long.toString(p.m().seed())))
                    .append("<td class=\"spec\">").append(esc(blocks(p.m().specKey()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (!failures.isEmpty()) {
            b.append("<p class=\"fail\">Failed: ").append(esc(String.join("; ", failures.stream()
                    .map(p -> p.m().candidateId() + ": " + p.m().failure()).toList()))).append("</p>\n");
        }
    }

    static String ci(AccuracyInterval a) {
        return a.hasInterval() ? String.format(Locale.ROOT, "%.1f-%.1f%%", a.low() * 100, a.high() * 100) : "-";
    }

    private static void grid(StringBuilder b, ExperimentResults r, ReportSummary summary, boolean s) {
        List<GridTriple> triples = GridTriple.of(r.grid(), r.evalImages());
        GridOutcome outcome = summary.grid().orElse(null);
        boolean rungs = triples.stream().anyMatch(t -> t.steps() > 0);
        b.append("<h2>").append(esc(title("Compound-scaling grid", s))).append("</h2>\n<p class=\"sub\">")
                .append(triples.size()).append(" triples at phi = 1 with alpha &middot; beta&sup2; &middot; gamma&sup2; near 2, ")
                .append("one row per triple (its seeds folded into the mean").append(rungs ? ", at the highest rung it "
                        + "reached; steps: that rung's training steps" : "").append("), best first; every evaluation in ")
                .append("<code>grid.csv</code>. ").append(esc(GridTriple.TIE_BREAK)).append("</p>\n");
        b.append("<table><tr><th>alpha</th><th>beta</th><th>gamma</th><th>&alpha;&beta;&sup2;&gamma;&sup2;</th>")
                .append(rungs ? "<th>steps</th>" : "")
                .append("<th>seeds ok/run</th><th>n</th><th>mean top-1</th><th>95% CI</th><th>MACs</th>")
                .append("<th class=\"l\">vs winner</th><th class=\"l\">workers</th></tr>\n");
        for (GridTriple t : triples) {
            boolean win = outcome != null && t.equals(outcome.winner());
            String vs = win ? "winner" : outcome != null && outcome.tiedWithWinner(t) ? "within noise" : "";
            b.append(win ? "<tr class=\"win\">" : "<tr>").append(td(NumberText.plain(t.alpha())))
                    .append(td(NumberText.plain(t.beta()))).append(td(NumberText.plain(t.gamma())))
                    .append(td(NumberText.fixed(t.flopsRatio(), 3))).append(rungs ? td(Long.toString(t.steps())) : "")
                    .append(td((t.runs() - t.failed()) + "/" + t.runs()))
                    .append(td(r.evalImages() > 0 ? Integer.toString(r.evalImages()) : "?"))
                    .append(td(NumberText.percent2(t.accuracy().mean()))).append(td(ci(t.accuracy())))
                    .append(td(NumberText.macs(t.macs()))).append(tdl(vs))
                    .append(tdl(String.join(", ", t.workers()))).append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void methods(StringBuilder b, ExperimentResults r, boolean softMode) {
        b.append("<h2>Method notes</h2>\n<ul id=\"method-notes\">\n");
        b.append("<li>Every accuracy of the search, grid and family is top-1 on the minival split (held out of the ")
                .append("training images, never the test set; only the Final models table, when there is one, is on the ")
                .append("test split): ").append(r.evalImages() > 0 ? "n = " + r.evalImages() + " images per evaluation, so one image is "
                        + NumberText.fixed(100.0 / r.evalImages(), 2) + " points"
                        : "the number of images n is unknown (no readable dataset in config.yaml)").append(".</li>\n");
        b.append("<li>Intervals are 95% and never leave [0, 100%]. One evaluation: ")
                .append(esc(IntervalMethod.WILSON.description())).append(". Several seeds: ")
                .append(esc(IntervalMethod.T_CLIPPED.description())).append(". Computed with Apache Commons Math.</li>\n");
        b.append("<li>Two results are <i>within noise</i> when their intervals overlap. ").append(esc(GridTriple.TIE_BREAK))
                .append("</li>\n");
        b.append("<li>The reward is ACC &times; (cost / T)<sup>w</sup>. ")
                .append(softMode ? "In this soft mode w is negative, so a model cheaper than T scores a reward above its "
                        + "accuracy, even above 1." : "In soft mode a model cheaper than T scores a reward above its "
                        + "accuracy; in hard mode the reward is the accuracy at or under T.")
                .append("</li>\n");
        b.append("<li>Accuracy axes stop at 100%. Charts are drawn with XChart; each is inline SVG here and a PNG beside ")
                .append("this file.</li>\n</ul>\n");
    }

    private static void directory(StringBuilder b, DirectoryContents c) {
        b.append("<h2>What this directory holds</h2>\n<dl class=\"facts\">");
        for (DirectoryContents.Entry e : c.files()) {
            b.append("<dt><code>").append(esc(e.name())).append("</code></dt><dd>").append(esc(e.description())).append("</dd>");
        }
        b.append("</dl>\n<p class=\"sub\">Phases: ").append(esc(c.phases().isEmpty() ? "none"
                : String.join("; ", c.phases().stream().map(DirectoryContents.Phase::text).toList())))
                .append(c.configKnown() ? "" : " (no config.yaml: the planned phases and settings are unknown)").append(".</p>\n");
    }

    private static void provenance(StringBuilder b, ExperimentResults r, boolean s) {
        List<Measurement> all = r.measurements();
        if (all.isEmpty()) {
            return;
        }
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (Measurement m : all) {
            seen.computeIfAbsent("evaluator", k -> new LinkedHashSet<>()).add(m.evaluator());
            seen.computeIfAbsent("dataset", k -> new LinkedHashSet<>()).add(m.dataset()
                    + (m.dataChecksum().isEmpty() ? "" : "  sha256 " + m.dataChecksum()));
            seen.computeIfAbsent("training recipe", k -> new LinkedHashSet<>()).add(m.training());
            seen.computeIfAbsent("effnas version", k -> new LinkedHashSet<>()).add(m.codeVersion());
            seen.computeIfAbsent("workers", k -> new LinkedHashSet<>()).add(m.workerId());
        }
        b.append("<h2>").append(esc(title("Provenance", s))).append("</h2>\n<p class=\"sub\">Every row of the CSV files ")
                .append("carries its own evaluator, seed, training recipe, dataset checksum, effnas version, worker and ")
                .append("timings; the distinct values are:</p>\n<dl class=\"facts\">");
        for (Map.Entry<String, Set<String>> e : seen.entrySet()) {
            b.append("<dt>").append(esc(e.getKey())).append("</dt><dd>");
            int i = 0;
            for (String v : e.getValue()) {
                b.append(i++ == 0 ? "" : "<br>").append("<code>").append(esc(v.isEmpty() ? "(none)" : v)).append("</code>");
            }
            b.append("</dd>");
        }
        b.append("</dl>\n");
    }

    /** The block strings of a canonical spec, one per stage, where a line may break between them. */
    static String blocks(String specKey) {
        int from = specKey.indexOf("blocks:");
        int to = specKey.indexOf(" head:");
        if (from < 0 || to < from) {
            return specKey;
        }
        return specKey.substring(from + 7, to).replace(",", ", ");
    }

    static String hex(java.awt.Color c) {
        return c == null ? "#888888" : String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String td(String v) {
        return "<td>" + esc(v) + "</td>";
    }

    /** A cell that does not wrap, except after a rung id's '@' ("c000012@r1"), so a long table still fits. */
    private static String tdn(String v) {
        return "<td class=\"l nw\">" + esc(v).replace("@", "@<wbr>") + "</td>";
    }

    static String tdl(String v) {
        return "<td class=\"l\">" + esc(v) + "</td>";
    }

    /** HTML-escapes text. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
