package org.effnas.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.effnas.report.statistics.AccuracyInterval;

/**
 * The report's "Final models" table, from {@code final.csv}: each member trained at full budget,
 * its network, cost, top-1 on the test split with its 95% interval and n, how it was trained (from
 * scratch or continuing a checkpoint) and links to its model files. Empty when the final phase has
 * not run. Each test top-1 carries {@code data-check="final.<member>.top1"}, which
 * {@link ReportCheck} compares with {@code final.csv}.
 */
final class FinalSection {

    private FinalSection() {
    }

    /** The section's HTML, or the empty string. */
    static String html(Path dir) throws IOException {
        List<FinalPoint> rows = ResultTables.readFinal(dir);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<h2 id=\"final-models\">Final models</h2>\n<p class=\"sub\">The chosen winners trained at full budget ")
                .append("(final.csv) and measured on the dataset's <b>test</b> split, which the search, grid and family ")
                .append("never saw; 95% Wilson interval over the n test images. A member with a top-rung checkpoint ")
                .append("continued it. Each folder holds model.zip (DL4J), model.onnx and preprocess.json.</p>\n");
        b.append("<table id=\"final-table\"><tr><th class=\"l\">member</th><th class=\"l\">network</th><th>MACs</th>")
                .append("<th>params</th><th>test top-1</th><th>95% CI</th><th>n</th><th>minival top-1 (search)</th>")
                .append("<th>steps</th><th class=\"l\">trained</th><th class=\"l\">files</th></tr>\n");
        for (FinalPoint p : rows) {
            Measurement m = p.m();
            AccuracyInterval a = AccuracyInterval.of(m.ok() ? List.of(m.top1()) : List.of(), p.testImages());
            b.append("<tr>").append(HtmlReport.tdl(p.member()))
                    .append("<td class=\"l\"><code>").append(HtmlReport.esc(HtmlReport.blocks(m.specKey())))
                    .append("</code></td>")
                    .append(HtmlReport.td(NumberText.macs(m.macs()))).append(HtmlReport.td(NumberText.macs(m.params())));
            if (m.ok()) {
                b.append("<td>").append(SummaryHtml.checked("final." + p.member() + ".top1", m.top1(), "percent2"))
                        .append("</td>").append(HtmlReport.td(HtmlReport.ci(a)));
            } else {
                b.append(HtmlReport.tdl("FAILED: " + m.failure())).append(HtmlReport.td("-"));
            }
            b.append(HtmlReport.td(p.testImages() > 0 ? Integer.toString(p.testImages()) : "unknown"))
                    .append(HtmlReport.td(Double.isFinite(p.minivalTop1()) ? NumberText.percent2(p.minivalTop1()) : "-"))
                    .append(HtmlReport.td(Long.toString(p.steps())))
                    .append(HtmlReport.tdl(p.continuedFrom().isEmpty() ? "from scratch" : "continued "
                            + p.continuedFrom() + " from step " + p.fromSteps()))
                    .append("<td class=\"l\">").append(link(p.model() + "/model.zip", "model.zip"));
            if (p.onnx()) {
                b.append(" ").append(link(p.model() + "/model.onnx", "model.onnx"));
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
        return b.toString();
    }

    private static String link(String href, String text) {
        return "<a href=\"" + HtmlReport.esc(href) + "\"><code>" + HtmlReport.esc(text) + "</code></a>";
    }
}
