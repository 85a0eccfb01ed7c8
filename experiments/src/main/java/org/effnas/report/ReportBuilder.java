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
import org.effnas.report.chart.Chart;

/**
 * (Re)builds {@code report.html} and the chart PNGs of an experiment directory from the files in it
 * ({@code config.yaml} and the CSV tables), so a report can be made again at any time, also while
 * a run is still going or after it was interrupted.
 */
public final class ReportBuilder {

    public static final String REPORT = "report.html";
    public static final String CONFIG = "config.yaml";
    /** The search's and the random baseline's journals (search-core's format). */
    public static final String SEARCH_JOURNAL = "journal.jsonl";
    public static final String RANDOM_JOURNAL = "random-journal.jsonl";

    private ReportBuilder() {
    }

    /** Builds the report of the experiment in {@code dir}; returns the path of report.html. */
    public static Path build(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new InvalidInputException(dir + ": not an experiment directory (no " + CONFIG
                    + "); give the --out directory of an 'effnas run'");
        }
        ExperimentConfig config = ConfigLoader.load(dir.resolve(CONFIG));
        List<SearchPoint> search = ResultTables.readSearch(dir);
        if (search.isEmpty() && config.searches()) {
            // the search is still running (or was interrupted): what its journals hold so far
            search = new ArrayList<>(JournalRows.read(dir.resolve(SEARCH_JOURNAL), config.strategy().name().text(),
                    config.reward().reward()));
            search.addAll(JournalRows.read(dir.resolve(RANDOM_JOURNAL), "random", config.reward().reward()));
        }
        ExperimentResults results = new ExperimentResults(title(config), config.reward().targetMacs() == null ? 0 : config.reward().targetMacs(), search,
                ResultTables.readGrid(dir), ResultTables.readFamily(dir));
        return write(dir, results, facts(config));
    }

    /** Draws the charts, writes them as PNG beside report.html and writes the report. */
    public static Path write(Path dir, ExperimentResults results, Map<String, String> facts) throws IOException {
        Map<Chart, byte[]> charts = new LinkedHashMap<>();
        for (Chart c : ReportCharts.of(results)) {
            charts.put(c, c.writePng(dir));
        }
        Path report = dir.resolve(REPORT);
        Path tmp = dir.resolve(REPORT + ".tmp");
        Files.writeString(tmp, HtmlReport.render(results, facts, charts));
        Files.move(tmp, report, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return report;
    }

    static String title(ExperimentConfig c) {
        return c.dataset().name() + " / " + (c.space().file() != null ? Path.of(c.space().file()).getFileName() : c.space().name())
                + " / " + c.strategy().name() + (c.strategy().randomBaseline() ? " + random baseline" : "")
                + " / " + c.evaluator().kind();
    }

    /** The settings shown at the top of the report. */
    public static Map<String, String> facts(ExperimentConfig c) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("dataset", c.dataset().name() + " at " + c.dataset().path() + ", " + c.dataset().resolution()
                + " px, minival " + c.dataset().minival());
        f.put("search space", c.space().file() != null ? c.space().file() : c.space().name());
        f.put("reward", "ACC x (" + c.reward().cost() + " / T)^w, T = " + (c.reward().cost() == org.effnas.reward.CostMetric.MACS
                ? Quantities.formatCount(c.reward().targetMacs()) + " MACs" : c.reward().targetLatencyMs() + " ms")
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
        f.put("grid", c.grid().enabled() ? "step " + c.grid().step() + ", tolerance " + c.grid().tolerance() + ", max "
                + c.grid().max() + ", " + c.grid().seeds() + " seed(s), at most " + c.grid().maxTriples() + " triples" : "off");
        f.put("family", c.family().enabled() ? "phi " + c.family().phiMin() + ".." + c.family().phiMax()
                + (c.family().singleDimension() ? ", with single-dimension scaling for comparison" : "") : "off");
        f.put("seed", Long.toString(c.seed()));
        return f;
    }
}
