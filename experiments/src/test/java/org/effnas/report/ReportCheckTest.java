package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser-free part of scripts/check-report.sh: it passes a true report and fails a wrong one. */
class ReportCheckTest {

    private static Path report(Path dir) throws IOException {
        return report(dir, SyntheticResults.of("dl4j", 8));
    }

    private static Path report(Path dir, ExperimentResults r) throws IOException {
        ReportBuilderTest.writeTables(dir, r);
        Files.createDirectories(dir.resolve("best"));
        Files.writeString(dir.resolve(ReportSummary.BEST_METRICS), "{\"id\":\"best-model\",\"top1\":0.9071,"
                + "\"params\":123456,\"macs\":7654321,\"latency_ms\":2.5,\"worker\":\"best-model\"}\n");
        ReportBuilder.build(dir);
        return dir.resolve(ReportBuilder.REPORT);
    }

    @Test
    void summaryEqualsTheMetricsFileAndTheCheckPasses(@TempDir Path dir) throws IOException {
        String html = Files.readString(report(dir));
        assertTrue(html.contains("data-check=\"baseline.top1\" data-value=\"0.9071\" data-format=\"percent2\">90.71%<"), html);
        assertTrue(html.contains("data-value=\"7654321\" data-format=\"count\">7,654,321<"));
        assertTrue(html.contains("data-value=\"123456\" data-format=\"count\">123,456<"));
        assertTrue(html.contains("data-value=\"2.5\" data-format=\"ms\">2.50 ms<"));
        assertTrue(html.contains("Figures from <code>best/metrics.json</code>"));
        assertEquals(List.of(), ReportCheck.problems(dir));
    }

    @Test
    void aSearchOfOneCandidatePassesTheCheck(@TempDir Path dir) throws IOException {
        ExperimentResults all = SyntheticResults.of("dl4j", 8);
        report(dir, new ExperimentResults(all.title(), all.targetMacs(), all.evalImages(),
                all.search().subList(0, 1), List.of(), List.of()));
        assertEquals(List.of(), ReportCheck.problems(dir));
    }

    @Test
    void aChartWhoseSvgLostItsDrawingFailsTheCheck(@TempDir Path dir) throws IOException {
        Path report = report(dir);
        String html = Files.readString(report);
        int svg = html.indexOf("<svg");
        int end = html.indexOf("</svg>", svg);
        Files.writeString(report, html.substring(0, svg) + "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/>"
                + html.substring(end));
        List<String> problems = ReportCheck.problems(dir);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("no inline SVG with a drawing"), problems.get(0));
    }

    @Test
    void aWrongFigureFailsTheCheck(@TempDir Path dir) throws IOException {
        Path report = report(dir);
        String html = Files.readString(report);
        // a report whose value and text agree but disagree with best/metrics.json
        Files.writeString(report, html.replace("data-value=\"0.9071\" data-format=\"percent2\">90.71%<",
                "data-value=\"0.9171\" data-format=\"percent2\">91.71%<"));
        List<String> problems = ReportCheck.problems(dir);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("baseline.top1"), problems.get(0));
        // text that does not match its value
        Files.writeString(report, html.replace(">7,654,321<", ">7,654,322<"));
        assertTrue(ReportCheck.problems(dir).get(0).contains("shows '7,654,322'"));
        // the metrics file changed after the report was written
        Files.writeString(report, html);
        Files.writeString(dir.resolve(ReportSummary.BEST_METRICS), "{\"top1\":0.5,\"params\":123456,\"macs\":7654321,"
                + "\"latency_ms\":2.5}");
        assertEquals(1, ReportCheck.problems(dir).size());
    }

    @Test
    void aBlankChartFailsTheCheckWhateverItsBackground(@TempDir Path dir) throws IOException {
        report(dir);
        BufferedImage grey = new BufferedImage(960, 540, BufferedImage.TYPE_INT_RGB);
        var g = grey.createGraphics();
        g.setColor(new Color(0xD2D2D2));
        g.fillRect(0, 0, 960, 540);
        g.dispose();
        ImageIO.write(grey, "png", dir.resolve("grid-heatmap.png").toFile());
        List<String> problems = ReportCheck.problems(dir);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("grid-heatmap") && problems.get(0).contains("blank"), problems.get(0));
        Files.delete(dir.resolve("family-scaling.png"));
        assertTrue(ReportCheck.problems(dir).stream().anyMatch(p -> p.contains("family-scaling.png is missing")));
    }
}
