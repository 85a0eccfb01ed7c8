package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

    private static final List<String> CHARTS = List.of("accuracy-vs-macs", "best-reward-vs-evaluations",
            "best-reward-vs-time", "grid-heatmap", "family-scaling");

    /** Distinct colours in a coarse sample of the image: a blank or one-colour image has 1. */
    static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static Path writeTables(Path dir, ExperimentResults r) throws IOException {
        ResultTables.writeSearch(dir, r.search());
        ResultTables.writeGrid(dir, r.grid());
        ResultTables.writeFamily(dir, r.family());
        return dir;
    }

    @Test
    void surrogateReportEmbedsEveryChartAndSaysSurrogate(@TempDir Path dir) throws IOException {
        ExperimentResults r = SyntheticResults.of("surrogate", 1);
        Path report = ReportBuilder.write(dir, r, Map.of("seed", "1"));
        String html = Files.readString(report);
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img);
            assertTrue(colours(img) > 20, "embedded chart is blank");
            images++;
        }
        assertEquals(CHARTS.size(), images);
        for (String chart : CHARTS) {
            BufferedImage png = ImageIO.read(dir.resolve(chart + ".png").toFile());
            assertNotNull(png, chart);
            assertTrue(png.getWidth() >= 800 && png.getHeight() >= 300, chart);
            assertTrue(colours(png) > 20, chart + " is blank");
        }
        assertTrue(html.contains("<div class=\"surrogate\">SURROGATE"));
        for (String heading : List.of("Charts", "Top candidates by reward", "Compound-scaling grid", "Scaled family", "Provenance")) {
            assertTrue(html.contains("<h2>SURROGATE - " + heading), heading);
        }
        assertTrue(html.contains("alt=\"SURROGATE - Accuracy vs multiply-adds"));
        assertFalse(html.contains("http://") || html.contains("https://"), "the report must not load anything");
    }

    @Test
    void trainedReportHasNoSurrogateLabel(@TempDir Path dir) throws IOException {
        String html = Files.readString(ReportBuilder.write(dir, SyntheticResults.of("dl4j", 2), Map.of()));
        assertFalse(html.contains("SURROGATE"));
        assertTrue(html.contains("sha256 ab12cd34"), "dataset checksum shown");
        assertTrue(html.contains("0.1.0-SNAPSHOT+abc1234"), "effnas version shown");
        assertTrue(html.contains("epochs=1 subset=3000 batch=64 adam lr=0.002"), "training recipe shown");
    }

    @Test
    void surrogateChartsCarryTheBadge() {
        // The badge is drawn in the alert red; a trained run's charts have none of it.
        for (String evaluator : List.of("surrogate", "dl4j")) {
            ExperimentResults r = SyntheticResults.of(evaluator, 3);
            for (var chart : ReportCharts.of(r)) {
                BufferedImage img = chart.render();
                boolean red = false;
                for (int x = img.getWidth() - 200; x < img.getWidth() && !red; x++) {
                    for (int y = 18; y < 40 && !red; y++) {
                        red = img.getRGB(x, y) == (0xFF000000 | 0xB00020);
                    }
                }
                assertEquals(evaluator.equals("surrogate"), red, chart.name() + " " + evaluator);
                assertEquals(evaluator.equals("surrogate"), chart.title().startsWith("SURROGATE"), chart.title());
            }
        }
    }

    @Test
    void degenerateResultsStillRender(@TempDir Path dir) throws IOException {
        // one candidate, every grid run failed, nothing else: axes widen, failed cells say so
        SearchPoint only = new SearchPoint("evolution", 1, Double.NaN, 0.8,
                SyntheticResults.measurement("c1", 0.8, 5_000_000, "dl4j", false));
        GridPoint failed = new GridPoint(1.2, 1.1, 1.15, Double.NaN, Double.NaN, Double.NaN, false,
                SyntheticResults.measurement("g1", 0, 0, "dl4j", true));
        ExperimentResults r = new ExperimentResults("t", 10_000_000, List.of(only), List.of(failed), List.of());
        String html = Files.readString(ReportBuilder.write(dir, r, Map.of()));
        assertTrue(html.contains("1 evaluated (0 failed)"), "table of one");
        for (var chart : ReportCharts.of(r)) {
            assertTrue(colours(chart.render()) > 20, chart.name());
        }
        String empty = Files.readString(ReportBuilder.write(dir, new ExperimentResults("t", 0, List.of(), List.of(),
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
    void buildNeedsAnExperimentDirectory(@TempDir Path dir) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ReportBuilder.build(dir));
        assertTrue(ex.getMessage().contains("not an experiment directory"), ex.getMessage());
    }

    @Test
    void corruptCsvIsBadInput(@TempDir Path dir) throws IOException {
        writeTables(dir, SyntheticResults.of("dl4j", 5));
        Files.writeString(dir.resolve(ResultTables.GRID), "alpha,beta\n1.1\n");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ResultTables.readGrid(dir));
        assertTrue(ex.getMessage().contains("grid.csv"), ex.getMessage());
    }
}
