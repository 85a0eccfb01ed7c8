package org.effnas.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The content check of a written report, without a browser: every figure of the summary equals the
 * file it comes from ({@code best/metrics.json}, else the best row of {@code candidates.csv}; the
 * grid winner's rows of {@code grid.csv}; each final model's test top-1 of {@code final.csv}) and is
 * shown as its value formats, and every chart is
 * present inline (an SVG with drawing and text) and as a PNG that is not blank (more than a sliver
 * of its pixels differ from its background colour, whatever that colour is).
 * {@code scripts/check-report.sh} runs it before it renders the page in Chromium.
 */
public final class ReportCheck {

    private static final Pattern FIGURE = Pattern.compile(
            "<span data-check=\"([^\"]+)\" data-value=\"([^\"]*)\" data-format=\"([^\"]+)\">([^<]*)</span>");
    private static final Pattern CHART = Pattern.compile(
            "<figure class=\"chart\" data-chart=\"([^\"]+)\">(.*?)</figure>", Pattern.DOTALL);
    /** The SVG elements that draw something. */
    private static final Pattern MARK = Pattern.compile("<(path|rect|line|polygon|circle|ellipse)");
    /** The winning baseline's figures, by their name in metrics.json and candidates.csv. */
    private static final List<String> BASELINE = List.of("top1", "macs", "params", "latency_ms");
    /** Share of a chart's pixels that must differ from its background. */
    public static final double MIN_INK = 0.01;

    /**
     * Fewest SVG shapes an inline chart may have: its frame, axes and ticks and a one-point series come to 13
     * (a search of one candidate); an SVG with fewer has lost its drawing. Whether the marks show is the PNG's
     * ink check.
     */
    static final int MIN_SHAPES = 10;

    private ReportCheck() {
    }

    /** What is wrong with the report in {@code dir}; empty when it passes. */
    public static List<String> problems(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        Path report = dir.resolve(ReportBuilder.REPORT);
        if (!Files.isRegularFile(report)) {
            return List.of(report + ": missing; run effnas report " + dir);
        }
        String html = Files.readString(report);
        Map<String, Double> expected = expectedFigures(dir);
        Map<String, Boolean> shown = new HashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            String key = m.group(1);
            double value = m.group(2).equals("NaN") ? Double.NaN : Double.parseDouble(m.group(2));
            shown.put(key, true);
            String text = SummaryHtml.format(value, m.group(3));
            if (!text.equals(m.group(4))) {
                problems.add("summary " + key + " shows '" + m.group(4) + "' but its value " + m.group(2) + " reads '" + text + "'");
            }
            Double want = expected.get(key);
            if (want != null && !same(want, value)) {
                problems.add("summary " + key + " is " + m.group(2) + " but the file says " + Measurement.num(want));
            }
        }
        for (String key : expected.keySet()) {
            if (!shown.containsKey(key) && Double.isFinite(expected.get(key))) {
                problems.add("summary does not show " + key + " (" + Measurement.num(expected.get(key)) + ")");
            }
        }
        Matcher c = CHART.matcher(html);
        int charts = 0;
        while (c.find()) {
            charts++;
            String name = c.group(1);
            String body = c.group(2);
            long marks = MARK.matcher(body).results().count();
            if (!body.contains("<svg") || marks < MIN_SHAPES) {
                problems.add("chart " + name + ": no inline SVG with a drawing (" + marks + " shapes)");
            }
            if (!body.matches("(?s).*<div class=\"chart-title\">[^<]+</div>.*")) {
                problems.add("chart " + name + ": no title");
            }
            Path png = dir.resolve(name + ".png");
            if (!Files.isRegularFile(png)) {
                problems.add("chart " + name + ": " + png + " is missing");
            } else {
                double ink = ink(png);
                if (ink < MIN_INK) {
                    problems.add(String.format(java.util.Locale.ROOT, "chart %s: %s is blank (%.2f%% of its pixels "
                            + "differ from the background)", name, png, ink * 100));
                }
            }
        }
        boolean results = !ResultTables.readSearch(dir).isEmpty() || !ResultTables.readGrid(dir).isEmpty();
        if (results && charts == 0) {
            problems.add("the directory has results but the report shows no chart");
        }
        return problems;
    }

    /** The summary figures the files say, by data-check key; NaN where a figure was not measured. */
    static Map<String, Double> expectedFigures(Path dir) throws IOException {
        Map<String, Double> out = new HashMap<>();
        Path metrics = dir.resolve(ReportSummary.BEST_METRICS);
        if (Files.isRegularFile(metrics)) {
            JsonNode n = ReportSummary.readJson(metrics);
            BASELINE.forEach(f -> out.put("baseline." + f, n.path(f).asDouble(Double.NaN)));
        } else if (Files.isRegularFile(dir.resolve(ResultTables.CANDIDATES))) {
            List<Map<String, String>> rows = Csv.read(dir.resolve(ResultTables.CANDIDATES));
            String main = rows.stream().map(r -> r.get("run")).filter(r -> !"random".equals(r)).findFirst().orElse("random");
            boolean rewards = rows.stream().anyMatch(r -> !r.get("reward").isEmpty());
            ToDoubleFunction<Map<String, String>> score = r -> Double.parseDouble(or(r.get(rewards ? "reward" : "top1")));
            rows.stream().filter(r -> r.get("run").equals(main) && r.get("failure").isEmpty())
                    .filter(r -> score.applyAsDouble(r) > Double.NEGATIVE_INFINITY) // a NaN score never wins
                    .max(Comparator.comparingDouble(score))
                    .ifPresent(best -> BASELINE.forEach(f -> out.put("baseline." + f,
                            Double.parseDouble(or(best.get(f))))));
        }
        if (Files.isRegularFile(dir.resolve(ResultTables.GRID))) {
            // under rungs the winner has rows at every rung it reached: its figure is its highest rung's
            List<Map<String, String>> winner = Csv.read(dir.resolve(ResultTables.GRID)).stream()
                    .filter(r -> "true".equals(r.get("winner")) && r.get("failure").isEmpty()).toList();
            int top = winner.stream().mapToInt(ReportCheck::rung).max().orElse(0);
            winner.stream().filter(r -> rung(r) == top).mapToDouble(r -> Double.parseDouble(or(r.get("top1"))))
                    .average().ifPresent(mean -> out.put("grid.winner.top1", mean));
        }
        for (FinalPoint p : ResultTables.readFinal(dir)) {
            if (p.m().ok()) {
                out.put("final." + p.member() + ".top1", p.m().top1());
            }
        }
        return out;
    }

    private static int rung(Map<String, String> gridRow) {
        String r = gridRow.get("rung");
        return r == null || r.isEmpty() ? 0 : Integer.parseInt(r);
    }

    private static String or(String v) {
        return v == null || v.isEmpty() ? "NaN" : v;
    }

    private static boolean same(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
    }

    /** Share of the image's pixels that differ from its most common colour. */
    public static double ink(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int total = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        int background = counts.values().stream().mapToInt(Integer::intValue).max().orElse(total);
        return total == 0 ? 0 : (total - background) / (double) total;
    }
}
