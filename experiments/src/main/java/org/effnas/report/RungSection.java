package org.effnas.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's multi-fidelity section, from {@code rungs.csv} and {@code trust.json} of a run under a
 * scheduler with rungs: how many evaluations each rung had, the rung ladder of each phase (accuracy
 * against training steps, one line per candidate), and per phase Kendall tau of each consecutive rung
 * pair with its interval and the plain sentence on how far the ranking holds. Empty for runs without
 * rungs.
 */
final class RungSection {

    static final String TRUST = "trust.json";

    private RungSection() {
    }

    /** The section's HTML, or the empty string; the caller draws {@code ladders} (one per phase) and writes their PNGs. */
    static String html(Path dir, List<HtmlReport.Figure> ladders) throws IOException {
        List<RungPoint> rungs = RungTable.read(dir);
        if (rungs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("<h2>Multi-fidelity: rungs and how far the ranking holds</h2>\n<p class=\"sub\">")
                .append(rungs.size()).append(" rung evaluations (rungs.csv); a promoted candidate continues from its ")
                .append("checkpoint, so each row's training cost is steps - from_steps.</p>\n");
        b.append("<table><tr><th>phase</th><th>rung</th><th>steps</th><th>evaluations</th><th>best top-1</th></tr>\n");
        Map<String, Map<Integer, List<RungPoint>>> byPhase = new java.util.LinkedHashMap<>();
        rungs.forEach(p -> byPhase.computeIfAbsent(p.phase(), k -> new java.util.TreeMap<>())
                .computeIfAbsent(p.rung(), k -> new java.util.ArrayList<>()).add(p));
        byPhase.forEach((phase, byRung) -> byRung.forEach((rung, list) -> b.append("<tr><td>")
                .append(HtmlReport.esc(phase)).append("</td><td>").append(rung).append("</td><td>")
                .append(list.get(0).steps()).append("</td><td>").append(list.size()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%.4f", list.stream().mapToDouble(RungPoint::top1)
                        .filter(Double::isFinite).max().orElse(Double.NaN))).append("</td></tr>\n")));
        b.append("</table>\n");
        for (HtmlReport.Figure f : ladders) {
            HtmlReport.figure(b, f);
        }
        Path trustFile = dir.resolve(TRUST);
        if (Files.isRegularFile(trustFile)) {
            JsonNode trust = new ObjectMapper().readTree(Files.readString(trustFile));
            for (Iterator<Map.Entry<String, JsonNode>> it = trust.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append("<p class=\"trust\" data-phase=\"").append(HtmlReport.esc(e.getKey())).append("\"><b>")
                        .append(HtmlReport.esc(e.getKey())).append("</b>: ");
                for (JsonNode pair : e.getValue().path("consecutive")) {
                    b.append(HtmlReport.esc(String.format(Locale.ROOT, "tau(%s, %s) = %s over %d; ",
                            stepsAt(byPhase.get(e.getKey()), pair.path("from_rung").asInt()),
                            stepsAt(byPhase.get(e.getKey()), pair.path("to_rung").asInt()), interval(pair),
                            pair.path("candidates").asInt())));
                }
                b.append(HtmlReport.esc(e.getValue().path("sentence").asText())).append("</p>\n");
            }
        }
        return b.toString();
    }

    /** A rung as the tau list names it: its steps, e.g. {@code 90 steps}. */
    private static String stepsAt(Map<Integer, List<RungPoint>> byRung, int rung) {
        List<RungPoint> at = byRung == null ? null : byRung.get(rung);
        return at == null || at.isEmpty() ? "rung " + rung : at.get(0).steps() + " steps";
    }

    private static String interval(JsonNode pair) {
        double tau = pair.path("kendall_tau").asDouble(Double.NaN);
        if (!Double.isFinite(tau)) {
            return "unknown (too few candidates)";
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", tau, pair.path("kendall_low").asDouble(),
                pair.path("kendall_high").asDouble());
    }
}
