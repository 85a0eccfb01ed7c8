package org.effnas.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.effnas.report.chart.Axis;
import org.effnas.report.chart.Chart;

/**
 * Writes the self-contained {@code report.html}: inline CSS, charts as base64 PNG data URIs, the
 * tables of top candidates, grid and family, and the provenance of every number. Nothing is loaded
 * from the network. When any result came from the surrogate, a banner and every chart and table
 * title say SURROGATE.
 */
public final class HtmlReport {

    private static final int TOP_CANDIDATES = 15;

    private static final String CSS = """
            body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;background:#f6f7f9;color:#222}
            main{max-width:1040px;margin:0 auto;padding:24px 32px 48px;background:#fff}
            h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:36px 0 10px;border-bottom:2px solid #e3e3e3;padding-bottom:4px}
            .sub{color:#555;margin:0 0 16px}
            .surrogate{background:#b00020;color:#fff;font-weight:bold;padding:12px 16px;border-radius:6px;margin:12px 0}
            .facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}
            .facts dt{color:#555}.facts dd{margin:0}
            figure{margin:16px 0}figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:13px;color:#555;margin-top:4px}
            table{border-collapse:collapse;font-size:13px;width:100%;margin:8px 0}
            th,td{border-bottom:1px solid #e3e3e3;padding:4px 6px;text-align:right;vertical-align:top}
            th{background:#f0f2f5;position:sticky;top:0;white-space:nowrap}
            td.l,th.l{text-align:left}td.spec{font-family:'DejaVu Sans Mono',monospace;font-size:11px;text-align:left;word-break:break-all;max-width:360px}
            tr.win td{background:#fff4d6;font-weight:bold}
            .fail{color:#b00020}
            code{font-family:'DejaVu Sans Mono',monospace;font-size:12px}
            footer{margin-top:32px;font-size:12px;color:#777}
            """;

    private HtmlReport() {
    }

    /**
     * @param facts  the experiment's settings to show at the top (label to value, in order)
     * @param charts each chart with its PNG bytes, in display order
     */
    public static String render(ExperimentResults r, Map<String, String> facts, Map<Chart, byte[]> charts) {
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
        b.append("<dl class=\"facts\">");
        for (Map.Entry<String, String> f : facts.entrySet()) {
            b.append("<dt>").append(esc(f.getKey())).append("</dt><dd>").append(esc(f.getValue())).append("</dd>");
        }
        b.append("</dl>\n");
        if (r.isEmpty()) {
            b.append("<p>No results yet: the experiment has not finished any evaluation.</p>\n");
        }
        if (!charts.isEmpty()) {
            b.append("<h2>").append(esc(title("Charts", s))).append("</h2>\n");
            for (Map.Entry<Chart, byte[]> c : charts.entrySet()) {
                b.append("<figure><img alt=\"").append(esc(c.getKey().title())).append("\" src=\"")
                        .append(Chart.dataUri(c.getValue())).append("\"><figcaption>").append(esc(c.getKey().title()))
                        .append(" (also <code>").append(esc(c.getKey().name())).append(".png</code>)</figcaption></figure>\n");
            }
        }
        if (!r.search().isEmpty()) {
            topCandidates(b, r, s);
        }
        if (!r.grid().isEmpty()) {
            grid(b, r, s);
        }
        if (!r.family().isEmpty()) {
            family(b, r, s);
        }
        provenance(b, r, s);
        b.append("<footer>Written by effnas. Files beside this report: config.yaml, journal.jsonl, candidates.csv, ")
                .append("grid.csv, family.csv, best/, family/ and the charts as PNG.</footer>\n");
        b.append("</main></body></html>\n");
        return b.toString();
    }

    private static String title(String t, boolean surrogate) {
        return surrogate ? "SURROGATE - " + t : t;
    }

    private static void topCandidates(StringBuilder b, ExperimentResults r, boolean s) {
        List<SearchPoint> ranked = new ArrayList<>(r.search().stream().filter(p -> p.m().ok()).toList());
        ranked.sort(Comparator.comparingDouble(SearchPoint::reward).reversed());
        long failed = r.search().stream().filter(p -> !p.m().ok()).count();
        b.append("<h2>").append(esc(title("Top candidates by reward", s))).append("</h2>\n<p class=\"sub\">")
                .append(r.search().size()).append(" evaluated (").append(failed).append(" failed) in ")
                .append(esc(String.join(", ", r.runs()))).append("; top ").append(Math.min(TOP_CANDIDATES, ranked.size()))
                .append(" shown, all in <code>candidates.csv</code>.</p>\n");
        b.append("<table><tr><th>#</th><th class=\"l\">id</th><th class=\"l\">run</th><th>reward</th><th>top-1</th>")
                .append("<th>MACs</th><th>params</th><th>wall s</th><th class=\"l\">worker</th><th>seed</th>")
                .append("<th class=\"l\">blocks (full spec in candidates.csv)</th></tr>\n");
        for (int i = 0; i < Math.min(TOP_CANDIDATES, ranked.size()); i++) {
            SearchPoint p = ranked.get(i);
            b.append(i == 0 ? "<tr class=\"win\">" : "<tr>").append(td(Integer.toString(i + 1)))
                    .append(tdl(p.m().candidateId())).append(tdl(p.run())).append(td(fixed(p.reward(), 4)))
                    .append(td(pct(p.m().top1()))).append(td(Axis.macs(p.m().macs())))
                    .append(td(Axis.macs(p.m().params()))).append(td(fixed(p.m().wallSeconds(), 1)))
                    .append(tdl(p.m().workerId())).append(td(Long.toString(p.m().seed())))
                    .append("<td class=\"spec\">").append(esc(blocks(p.m().specKey()))).append("</td></tr>\n");
        }
        b.append("</table>\n");
        List<SearchPoint> failures = r.search().stream().filter(p -> !p.m().ok()).toList();
        if (!failures.isEmpty()) {
            b.append("<p class=\"fail\">Failed: ");
            for (int i = 0; i < failures.size(); i++) {
                b.append(i == 0 ? "" : "; ").append(esc(failures.get(i).m().candidateId() + ": " + failures.get(i).m().failure()));
            }
            b.append("</p>\n");
        }
    }

    private static void grid(StringBuilder b, ExperimentResults r, boolean s) {
        Map<String, List<GridPoint>> byTriple = new LinkedHashMap<>();
        for (GridPoint p : r.grid()) {
            byTriple.computeIfAbsent(Axis.plain(p.alpha()) + "/" + Axis.plain(p.beta()) + "/" + Axis.plain(p.gamma()),
                    k -> new ArrayList<>()).add(p);
        }
        List<List<GridPoint>> triples = new ArrayList<>(byTriple.values());
        triples.sort(Comparator.comparingDouble((List<GridPoint> t) -> nanLow(t.get(0).meanTop1())).reversed());
        b.append("<h2>").append(esc(title("Compound-scaling grid", s))).append("</h2>\n<p class=\"sub\">")
                .append(triples.size()).append(" triples at phi = 1 with alpha &middot; beta&sup2; &middot; gamma&sup2; near 2, ")
                .append("ranked by mean minival top-1; every run in <code>grid.csv</code>.</p>\n");
        b.append("<table><tr><th>alpha</th><th>beta</th><th>gamma</th><th>&alpha;&beta;&sup2;&gamma;&sup2;</th>")
                .append("<th>runs</th><th>mean top-1</th><th>95% CI</th><th>MACs</th><th class=\"l\">workers</th></tr>\n");
        for (List<GridPoint> t : triples) {
            GridPoint p = t.get(0);
            long ok = t.stream().filter(q -> q.m().ok()).count();
            Set<String> workers = new LinkedHashSet<>();
            t.forEach(q -> workers.add(q.m().workerId()));
            b.append(p.winner() ? "<tr class=\"win\">" : "<tr>").append(td(Axis.plain(p.alpha())))
                    .append(td(Axis.plain(p.beta()))).append(td(Axis.plain(p.gamma())))
                    .append(td(fixed(p.alpha() * p.beta() * p.beta() * p.gamma() * p.gamma(), 3)))
                    .append(td(ok + "/" + t.size())).append(td(pct(p.meanTop1())))
                    .append(td(Double.isNaN(p.ciLow()) ? "-" : pct(p.ciLow()) + " - " + pct(p.ciHigh())))
                    .append(td(Axis.macs(p.m().macs()))).append(tdl(String.join(", ", workers)
                            + (p.winner() ? "  (winner)" : ""))).append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void family(StringBuilder b, ExperimentResults r, boolean s) {
        b.append("<h2>").append(esc(title("Scaled family", s))).append("</h2>\n<p class=\"sub\">")
                .append("Compound members and single-dimension comparisons; specs of every member in <code>family/</code>.</p>\n");
        b.append("<table><tr><th class=\"l\">model</th><th class=\"l\">scaling</th><th>phi</th><th>width</th>")
                .append("<th>depth</th><th>resolution</th><th>top-1</th><th>MACs</th><th>params</th><th>wall s</th>")
                .append("<th class=\"l\">worker</th></tr>\n");
        for (FamilyPoint p : r.family()) {
            b.append(p.scaling().equals(FamilyPoint.COMPOUND) ? "<tr class=\"win\">" : "<tr>").append(tdl(p.name()))
                    .append(tdl(p.scaling())).append(td(Axis.plain(p.phi()))).append(td(fixed(p.width(), 3)))
                    .append(td(fixed(p.depth(), 3))).append(td(Integer.toString(p.resolution())))
                    .append(td(p.m().ok() ? pct(p.m().top1()) : "failed")).append(td(Axis.macs(p.m().macs())))
                    .append(td(Axis.macs(p.m().params()))).append(td(fixed(p.m().wallSeconds(), 1)))
                    .append(tdl(p.m().workerId())).append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void provenance(StringBuilder b, ExperimentResults r, boolean s) {
        List<Measurement> all = new ArrayList<>();
        r.search().forEach(p -> all.add(p.m()));
        r.grid().forEach(p -> all.add(p.m()));
        r.family().forEach(p -> all.add(p.m()));
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

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static String td(String v) {
        return "<td>" + esc(v) + "</td>";
    }

    private static String tdl(String v) {
        return "<td class=\"l\">" + esc(v) + "</td>";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
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
