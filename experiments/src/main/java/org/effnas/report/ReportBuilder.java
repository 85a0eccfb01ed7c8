package org.effnas.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.Quantities;
import org.effnas.report.chart.InlineSvg;
import org.effnas.report.chart.ReportChart;

/**
 * (Re)builds {@code report.html} and the chart PNGs of an experiment directory from the files in it
 * ({@code config.yaml} when there is one, the CSV tables and journals, {@code best/metrics.json}),
 * so a report can be made again at any time, also while a run is still going or after it was
 * interrupted, and for the output of {@code effnas search} and {@code grid} as well as {@code run}.
 */
public final class ReportBuilder {

    public static final String REPORT = "report.html";
    public static final String CONFIG = "config.yaml";
    /** The search's and the random baseline's journals (search-core's format). */
    public static final String SEARCH_JOURNAL = "journal.jsonl";
    public static final String RANDOM_JOURNAL = "random-journal.jsonl";

    private ReportBuilder() {
    }

    /**
     * Builds the report of the experiment in {@code dir}: the output directory of {@code effnas run},
     * {@code search} or {@code grid}, finished, running or interrupted. Returns the path of report.html.
     */
    public static Path build(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such directory; give the --out directory of effnas run, "
                    + "search or grid");
        }
        ExperimentConfig config = Files.isRegularFile(dir.resolve(CONFIG)) ? ConfigLoader.load(dir.resolve(CONFIG)) : null;
        List<SearchPoint> search = ResultTables.readSearch(dir);
        if (search.isEmpty()) {
            // the search is still running (or was interrupted, or only its journal was written)
            search = new ArrayList<>(searchJournal(dir, config));
        }
        List<GridPoint> grid = ResultTables.readGrid(dir);
        List<FamilyPoint> family = ResultTables.readFamily(dir);
        if (config == null && search.isEmpty() && grid.isEmpty() && family.isEmpty()) {
            throw new InvalidInputException(dir + ": holds no effnas results (no " + CONFIG + ", "
                    + ResultTables.CANDIDATES + ", " + ResultTables.GRID + ", " + ResultTables.FAMILY + " or "
                    + SEARCH_JOURNAL + "); give the --out directory of effnas run, search or grid");
        }
        ExperimentResults results = new ExperimentResults(config == null ? dir.getFileName() + " (no " + CONFIG + ")"
                : title(config), config == null || config.reward().targetMacs() == null ? 0 : config.reward().targetMacs(),
                config == null ? 0 : EvaluationImages.of(config.dataset()), search, grid, family);
        return write(dir, config, results, config == null ? Map.of() : facts(config));
    }

    private static List<SearchPoint> searchJournal(Path dir, ExperimentConfig config) {
        if (config != null) {
            if (!config.searches()) {
                return List.of(); // a grid-only plan: its journal holds grid evaluations, in grid.csv
            }
            List<SearchPoint> rows = new ArrayList<>(JournalRows.read(dir.resolve(SEARCH_JOURNAL),
                    config.strategy().name().text(), config.reward().reward()));
            rows.addAll(JournalRows.read(dir.resolve(RANDOM_JOURNAL), "random", config.reward().reward()));
            return rows;
        }
        var store = JournalRows.store(dir.resolve(SEARCH_JOURNAL));
        if (store == null || "grid".equals(store.header().kind())) {
            return List.of(); // a grid journal's rows are in grid.csv
        }
        return JournalRows.read(dir.resolve(SEARCH_JOURNAL), "search", null);
    }

    /** Writes the report of {@code results} for a directory without a config (tests, other tools). */
    public static Path write(Path dir, ExperimentResults results, Map<String, String> facts) throws IOException {
        return write(dir, null, results, facts);
    }

    /** Draws the charts, writes them as PNG beside report.html and writes the report (charts inline as SVG). */
    static Path write(Path dir, ExperimentConfig config, ExperimentResults results, Map<String, String> facts)
            throws IOException {
        List<HtmlReport.Figure> figures = figures(dir, ReportCharts.of(results));
        DirectoryContents contents = DirectoryContents.of(dir, config, results);
        ReportSummary summary = ReportSummary.of(dir, config, results, contents);
        Path report = dir.resolve(REPORT);
        Path tmp = dir.resolve(REPORT + ".tmp");
        List<HtmlReport.Figure> ladders = figures(dir, ReportCharts.rungLadders(RungTable.read(dir), results));
        Files.writeString(tmp, HtmlReport.render(results, summary, facts, figures,
                config != null && config.reward().mode().equals("soft"),
                FinalSection.html(dir) + RungSection.html(dir, ladders)));
        Files.move(tmp, report, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return report;
    }

    /** Writes each chart's PNG into {@code dir}; returns the charts with their inline SVG. */
    private static List<HtmlReport.Figure> figures(Path dir, List<? extends ReportChart> charts) throws IOException {
        List<HtmlReport.Figure> figures = new ArrayList<>();
        for (ReportChart c : charts) {
            Files.write(dir.resolve(c.name() + ".png"), c.png());
            figures.add(new HtmlReport.Figure(c, InlineSvg.of(c.svg(), c.name()), c.legend()));
        }
        return figures;
    }

    static String title(ExperimentConfig c) {
        return c.dataset().name() + " / " + (c.space().file() != null ? Path.of(c.space().file()).getFileName() : c.space().name())
                + (c.searches() ? " / " + c.strategy().name() + (c.strategy().randomBaseline() ? " + random baseline" : "")
                        : " / grid only") + " / " + c.evaluator().kind();
    }

    /** The settings shown at the top of the report. */
    public static Map<String, String> facts(ExperimentConfig c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("dataset", c.dataset().name() + " at " + c.dataset().path() + ", " + c.dataset().resolution()
                + " px, minival " + c.dataset().minival());
        f.put("search space", c.space().file() != null ? c.space().file() : c.space().name());
        f.put("reward", "ACC x (" + c.reward().cost() + " / T)^w, T = " + (c.reward().cost() == org.effnas.reward.CostMetric.MACS
                ? (c.reward().targetMacs() == null ? "the reference architecture's MACs" : Quantities.formatCount(c.reward().targetMacs()) + " MACs")
                : (c.reward().targetLatencyMs() == null ? "unset" : c.reward().targetLatencyMs() + " ms"))
                + (c.reward().mode().equals("hard") ? ", hard: w = 0 at or under T, -1 above"
                        : ", w = " + c.reward().w() + " (soft)"));
        f.put("strategy", c.strategy().name() + ", population " + c.strategy().population() + ", budget "
                + c.strategy().budget().evaluations() + " evaluations"
                + (c.strategy().budget().wallTime().isZero() ? "" : " or " + Quantities.formatDuration(c.strategy().budget().wallTime()))
                + (c.strategy().randomBaseline() ? ", plus a random-search baseline on the same budget" : ""));
        f.put("proxy training", Measurement.trainingText(c.training().settings(c.dataset().minival())));
        f.put("evaluator", c.evaluator().kind() + " on " + switch (c.cluster().mode()) {
            case EMBEDDED -> "an embedded Hazelcast cluster of " + c.cluster().embeddedWorkers() + " workers";
            case HAZELCAST -> "a Hazelcast cluster, coordinator at " + c.cluster().bind();
            default -> c.evaluator().localWorkers() + " local worker(s)";
        });
        f.put("grid", !c.grid().enabled() ? "off" : c.grid().coefficients() != null
                ? "the fixed triple (alpha, beta, gamma) = (" + c.grid().coefficients().stream().map(NumberText::plain)
                        .collect(java.util.stream.Collectors.joining(", ")) + "), " + c.grid().seeds() + " seed(s)"
                : "step " + c.grid().step() + ", tolerance " + c.grid().tolerance() + ", max "
                + c.grid().max() + ", " + c.grid().seeds() + " seed(s), at most " + c.grid().maxTriples() + " triples");
        f.put("family", c.family().enabled() ? (!c.family().targetMacs().isEmpty() ? "targets " + c.family().targetMacs()
                + " MACs" : !c.family().targetLatencyMs().isEmpty() ? "targets " + c.family().targetLatencyMs() + " ms"
                : "phi " + c.family().phiMin() + ".." + c.family().phiMax())
                + (c.family().singleDimension() ? ", with single-dimension scaling for comparison" : "") : "off");
        if (c.finalTraining().enabled()) {
            f.put("final", String.join(", ", c.finalTraining().members()) + ": " + Measurement.trainingText(
                    c.finalTraining().settings(c.training(), c.dataset().minival())) + ", measured on the test split");
        }
        f.put("seed", Long.toString(c.seed()));
        return f;
    }
}
