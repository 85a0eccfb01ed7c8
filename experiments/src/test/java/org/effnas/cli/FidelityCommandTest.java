package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effnas.eval.EvalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSurrogateStudyPrintsEachRungAgainstTheTopAndWritesIt() throws Exception {
        Path out = dir.resolve("study");
        InspectCommandTest.Run r = run("fidelity", "--evaluator", "surrogate", "--architectures", "12", "--out",
                out.toString());
        assertEquals(Effnas.EXIT_OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("SURROGATE rank agreement of each rung with the top rung (810 steps)"), r.out());
        assertTrue(r.out().contains("Kendall tau"), r.out());
        JsonNode json = EvalJson.MAPPER.readTree(Files.readString(out.resolve("fidelity.json")));
        assertEquals(3, json.get("against_top").size());
        assertEquals(12, json.get("against_top").get(0).get("candidates").asInt());
        assertEquals(30, json.get("against_top").get(0).get("steps").asInt());
        assertTrue(Files.readAllLines(out.resolve("journal.jsonl")).size() == 1 + 2 * 12 * 4, "4 rungs of 12, each "
                + "submitted and recorded once, after the header");
        // the chart: one line per architecture through all four rungs, drawn (PNG with ink, SVG with shapes)
        assertEquals("rung-ladder-fidelity.png", json.get("chart").asText());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("rung-ladder-fidelity.png").toFile());
        assertTrue(png.getWidth() > 300 && org.effnas.report.ReportCheck.ink(out.resolve("rung-ladder-fidelity.png"))
                >= org.effnas.report.ReportCheck.MIN_INK, "the chart is not blank");
        String svg = Files.readString(out.resolve("rung-ladder-fidelity.svg"));
        assertTrue(svg.contains("<svg") && svg.split("<path", -1).length > 12, "an SVG with a path per architecture");
        // a finished study resumes to the same figures without evaluating anything again
        InspectCommandTest.Run again = run("fidelity", "--evaluator", "surrogate", "--architectures", "12", "--out",
                out.toString(), "--resume");
        assertEquals(Effnas.EXIT_OK, again.exitCode(), again.err());
        assertEquals(r.out(), again.out());
    }

    @Test
    void badSettingsAreOneLineNamingTheOption() {
        assertBadInput(run("fidelity", "--evaluator", "surrogate", "--min-steps", "100", "--max-steps", "50",
                "--out", dir.toString()), "scheduler.max_steps");
        assertBadInput(run("fidelity", "--evaluator", "gpu", "--out", dir.toString()), "--evaluator");
        assertBadInput(run("fidelity", "--evaluator", "surrogate", "--architectures", "2", "--out", dir.toString()),
                "--architectures");
    }
}
