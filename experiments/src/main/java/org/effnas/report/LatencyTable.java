package org.effnas.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report's "Latency measured by" table: for the latencies in the result tables, which engine
 * measured them, with how many intra-op threads, at which batch sizes and on which CPU, read from
 * each result's provenance ({@code latency_by}); one row per distinct setting, with how many results
 * it measured. Shown under the summary whenever any latency was measured.
 */
final class LatencyTable {

    /** One distinct measurement setting. */
    record Setting(String engine, String threads, String batch, String runs, String cpu) {

        /** Parses {@code engine=.. threads=.. batch=1 runs=30 ... batch16_median_ms=.. cpu=...}. */
        static Setting parse(String facts) {
            int at = facts.indexOf(" cpu=");
            String cpu = at < 0 ? "" : facts.substring(at + 5).trim();
            Map<String, String> kv = new LinkedHashMap<>();
            for (String token : (at < 0 ? facts : facts.substring(0, at)).trim().split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq > 0) {
                    kv.put(token.substring(0, eq), token.substring(eq + 1));
                }
            }
            String batches = "1";
            for (String k : kv.keySet()) {
                if (k.startsWith("batch") && k.endsWith("_median_ms")) {
                    batches = "1 and " + k.substring(5, k.length() - "_median_ms".length());
                }
            }
            return new Setting(kv.getOrDefault("engine", "?"), kv.getOrDefault("threads", "?"), batches,
                    kv.getOrDefault("runs", "?"), cpu);
        }
    }

    private LatencyTable() {
    }

    /** Distinct settings with how many results each measured, in first-seen order. */
    static Map<Setting, Integer> settings(ExperimentResults r) {
        Map<Setting, Integer> out = new LinkedHashMap<>();
        r.measurements().stream().filter(m -> m.ok() && Double.isFinite(m.latencyMs()) && !m.latencyBy().isEmpty())
                .forEach(m -> out.merge(Setting.parse(m.latencyBy()), 1, Integer::sum));
        return out;
    }

    static void append(StringBuilder b, ExperimentResults r) {
        Map<Setting, Integer> settings = settings(r);
        if (settings.isEmpty()) {
            return;
        }
        b.append("<h3>Latency measured by</h3>\n<p class=\"sub\">Every latency in this report is the median of the ")
                .append("timed runs at batch 1 after warm-up, on the worker that trained the model (random inputs of ")
                .append("the model's shape); the spread (p10/p90) and the larger batch are in each result's ")
                .append("<code>latency_by</code> column.</p>\n");
        b.append("<table id=\"latency-table\"><tr><th class=\"l\">engine</th><th>threads</th><th>batch</th>")
                .append("<th>runs</th><th class=\"l\">CPU</th><th>results</th></tr>\n");
        for (Map.Entry<Setting, Integer> e : settings.entrySet()) {
            Setting s = e.getKey();
            b.append("<tr>").append(HtmlReport.tdl(s.engine())).append(HtmlReport.td(s.threads()))
                    .append(HtmlReport.td(s.batch())).append(HtmlReport.td(s.runs())).append(HtmlReport.tdl(s.cpu()))
                    .append(HtmlReport.td(Integer.toString(e.getValue()))).append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
