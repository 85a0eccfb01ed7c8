package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

    private static final List<String> CHARTS = List.of("accuracy-vs-macs", "best-reward-vs-evaluations",
            "best-reward-vs-time", "grid-heatmap", "family-scaling");

    static Path writeTables(Path dir, ExperimentResults r) throws IOException {
        ResultTables.writeSearch(dir, r.search());
        ResultTables.writeGrid(dir, r.grid());
        ResultTables.writeFamily(dir, r.family());
        return dir;
    }

    @Test
    void surrogateReportInlinesEveryChartAsSvgAndSaysSurrogate(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("surrogate", 1);
        String html = Files.readString(ReportBuilder.write(dir, r, Map.of("seed", "1")));
        for (String chart : CHARTS) {
            int at = html.indexOf("<figure class=\"chart\" data-chart=\"" + chart + "\">");
            assertTrue(at > 0, chart + " figure");
            int svg = html.indexOf("<svg", at);
            assertTrue(svg > at && svg < html.indexOf("</figure>", at), chart + " is inline SVG");
            BufferedImage png = ImageIO.read(dir.resolve(chart + ".png").toFile());
            assertNotNull(png, chart);
            assertTrue(ReportCheck.ink(dir.resolve(chart + ".png")) > ReportCheck.MIN_INK, chart + " is blank");
        }
        assertFalse(html.contains("<img"), "charts are SVG, not embedded PNG");
        assertTrue(html.contains(">SURROGATE - Accuracy vs multiply-adds</div>"), "chart title is searchable text");
        assertTrue(html.contains("</span>Pareto front</li>"), "legend is searchable text");
        assertTrue(html.contains("<div class=\"surrogate\">SURROGATE"));
        for (String heading : List.of("Summary", "Charts", "Top candidates by reward", "Compound-scaling grid", "Provenance")) {
            assertTrue(html.contains("<h2>SURROGATE - " + heading), heading);
        }
        assertTrue(html.indexOf("id=\"summary\"") < html.indexOf("data-chart="), "results first");
        String links = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("xmlns:xlink=\"http://www.w3.org/1999/xlink\"", "");
        assertFalse(links.contains("http://") || links.contains("https://"), "the report must not load anything");
        // ids of the inline SVGs are prefixed per chart, so two charts never share a clip path
        assertFalse(html.contains("id=\"clip"), "unprefixed SVG id");
    }

    @Test
    void trainedReportHasNoSurrogateLabelAndShowsProvenance(@TempDir Path dir) throws IOException {
        String html = Files.readString(ReportBuilder.write(dir, SyntheticResults.of("dl4j", 2), Map.of()));
        assertFalse(html.contains("SURROGATE"));
        assertTrue(html.contains("sha256 ab12cd34"), "dataset checksum shown");
        assertTrue(html.contains("0.1.0-SNAPSHOT+abc1234"), "effnas version shown");
        assertTrue(html.contains("epochs=1 subset=3000 batch=64 adam lr=0.002"), "training recipe shown");
    }

    @Test
    void summaryShowsTheWinnersWithIntervalsNAndOneFamilyRowPerModel(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("dl4j", 3);
        String html = Files.readString(ReportBuilder.write(writeTables(dir, r), r, Map.of()));
        String summary = html.substring(html.indexOf("id=\"summary\""), html.indexOf("</section>"));
        assertTrue(summary.contains("Winning baseline"), summary);
        assertTrue(summary.contains("n = 600 images"), "n shown");
        assertTrue(summary.contains("Grid winner</b> alpha 1.2, beta 1.1, gamma 1.1"), summary);
        assertTrue(summary.contains("95% CI"), "interval shown");
        // the family has 16 models x 2 seeds: one row per model, with its seed count
        String family = summary.substring(summary.indexOf("id=\"family-table\""));
        family = family.substring(0, family.indexOf("</table>"));
        assertEquals(16, family.split("<tr").length - 2, "one row per model");
        assertTrue(family.contains("<td class=\"l\">B2</td><td class=\"l\">compound</td>"), family);
        assertEquals(1, family.split("<td class=\"l\">B2</td>").length - 1, "B2 once");
        assertTrue(ReportCheck.problems(dir).isEmpty(), ReportCheck.problems(dir).toString());
    }

    @Test
    void degenerateResultsStillRender(@TempDir Path dir) throws IOException {
        // one candidate, every grid run failed, nothing else
        SearchPoint only = new SearchPoint("evolution", 1, Double.NaN, 0.8,
                SyntheticResults.measurement("c1", 0.8, 5_000_000, "dl4j", false));
        GridPoint failed = new GridPoint(1.2, 1.1, 1.15, Double.NaN, Double.NaN, Double.NaN, false,
                SyntheticResults.measurement("g1", 0, 0, "dl4j", true));
        ExperimentResults r = new ExperimentResults("t", 10_000_000, 0, List.of(only), List.of(failed), List.of());
        String html = Files.readString(ReportBuilder.write(dir, r, Map.of()));
        assertTrue(html.contains("1 evaluated (0 failed)"), "table of one");
        assertTrue(html.contains("n unknown"), "unknown n said so");
        for (var chart : ReportCharts.of(r)) {
            assertTrue(chart.png().length > 1000, chart.name());
        }
        String empty = Files.readString(ReportBuilder.write(dir, new ExperimentResults("t", 0, 0, List.of(), List.of(),
                List.of()), Map.of()));
        assertTrue(empty.contains("No results yet"));
    }

    @Test
    void tablesRoundTripThroughCsv(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("dl4j", 4);
        writeTables(dir, r);
        assertEquals(r.search(), ResultTables.readSearch(dir));
        assertEquals(r.grid(), ResultTables.readGrid(dir));
        assertEquals(r.family(), ResultTables.readFamily(dir));
        String header = Files.readAllLines(dir.resolve(ResultTables.FAMILY)).get(0);
        for (String column : List.of("evaluator", "seed", "training", "dataset", "data_sha256", "effnas_version", "worker", "wall_s")) {
            assertTrue(header.contains(column), column);
        }
    }

    @Test
    void buildNeedsResults(@TempDir Path dir) throws IOException {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ReportBuilder.build(dir));
        assertTrue(ex.getMessage().contains("holds no effnas results"), ex.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ReportBuilder.build(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
    }

    @Test
    void searchOnlyDirectoryWithoutConfigGetsAReport(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("surrogate", 6);
        ResultTables.writeSearch(dir, r.search());
        String html = Files.readString(ReportBuilder.build(dir));
        assertTrue(html.contains("Winning baseline"), "summary of the search");
        assertTrue(html.contains("data-chart=\"accuracy-vs-macs\""));
        assertFalse(html.contains("data-chart=\"grid-heatmap\""), "no grid in a search directory");
        assertTrue(html.contains("<code>candidates.csv</code></dt><dd>one row per search evaluation"), "contents listed");
        assertTrue(html.contains("Phases: search done (48 evaluations)"), "what the directory holds");
        assertFalse(html.contains("PARTIAL"), "nothing known to be missing");
        assertTrue(ReportCheck.problems(dir).isEmpty(), ReportCheck.problems(dir).toString());
    }

    @Test
    void gridOnlyDirectoryWithoutConfigGetsAReport(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("surrogate", 7);
        ResultTables.writeGrid(dir, r.grid());
        String html = Files.readString(ReportBuilder.build(dir));
        assertTrue(html.contains("Grid winner</b> alpha 1.2, beta 1.1, gamma 1.1"), "grid summary");
        assertTrue(html.contains("data-chart=\"grid-heatmap\""));
        assertFalse(html.contains("Winning baseline"), "no search in a grid directory");
        assertTrue(html.contains("Phases: grid done (16 evaluations)"));
        assertTrue(ReportCheck.problems(dir).isEmpty(), ReportCheck.problems(dir).toString());
    }

    @Test
    void aRunWithPhasesMissingIsMarkedPartialWithDoneOverTotal(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("surrogate", 9);
        Files.writeString(dir.resolve(ReportBuilder.CONFIG), """
                evaluator: surrogate
                strategy: {name: evolution, population: 4, random_baseline: true, budget: {evaluations: 24}}
                grid: {max_triples: 4}
                family: {phi_max: 2}
                seed: 1
                """);
        ResultTables.writeSearch(dir, r.search());
        String html = Files.readString(ReportBuilder.build(dir));
        assertTrue(html.contains("id=\"partial\">PARTIAL"), "partial banner");
        assertTrue(html.contains("2/4 phases done"), html.substring(html.indexOf("PARTIAL"), html.indexOf("PARTIAL") + 300));
        assertTrue(html.contains("grid not started; family not started"));
        ResultTables.writeGrid(dir, r.grid());
        ResultTables.writeFamily(dir, r.family());
        assertFalse(Files.readString(ReportBuilder.build(dir)).contains("PARTIAL"), "every phase done");
    }

    @Test
    void corruptCsvIsBadInput(@TempDir Path dir) throws IOException {
        writeTables(dir, SyntheticResults.of("dl4j", 5));
        Files.writeString(dir.resolve(ResultTables.GRID), "alpha,beta\n1.1\n");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ResultTables.readGrid(dir));
        assertTrue(ex.getMessage().contains("grid.csv"), ex.getMessage());
    }

    @Test
    void theSettingsNameAFixedTripleInsteadOfTheUnusedLattice() {
        org.effnas.config.ExperimentConfig fixed = org.effnas.config.ConfigLoader.parse(
                "grid: {coefficients: [1.2, 1.1, 1.15], seeds: 3}\n", "t.yaml", Path.of("."), "runs/t");
        assertEquals("the fixed triple (alpha, beta, gamma) = (1.2, 1.1, 1.15), 3 seed(s)",
                ReportBuilder.facts(fixed).get("grid"));
        org.effnas.config.ExperimentConfig lattice = org.effnas.config.ConfigLoader.parse(
                "grid: {seeds: 3}\n", "t.yaml", Path.of("."), "runs/t");
        assertTrue(ReportBuilder.facts(lattice).get("grid").startsWith("step 0.1, tolerance 0.1"));
    }
}
