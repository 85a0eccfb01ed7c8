package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.report.FinalPoint;
import org.effnas.report.ResultTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The final phase end to end: in {@code effnas run} from the config's {@code final:} section, and
 * {@code effnas final DIR} on a finished directory, with real DL4J training on the committed
 * Fashion-MNIST subset (200 training images, a few steps) measured on its 500 test images.
 */
class FinalCommandTest {

    private static final Path FIXTURE = Path.of("..", "worker", "src", "test", "resources", "data",
            "fashion-mnist-mini").toAbsolutePath().normalize();

    private static final String TINY = """
            dataset: {name: fashion-mnist, path: %s}
            space: mnasnet-small
            evaluator: {kind: surrogate, local_workers: 2}
            strategy: {name: evolution, population: 4, budget: {evaluations: 6}}
            grid: {max_triples: 3, max: 1.4}
            family: {phi_max: 1}
            final: {members: [baseline, B1], steps: 3, subset: 200, batch_size: 25}
            seed: 11
            """.formatted(FIXTURE);

    @TempDir
    Path dir;

    private static long results(Path journal) throws IOException {
        return Files.readAllLines(journal).stream().filter(l -> l.contains("\"type\":\"result\"")).count();
    }

    @Test
    void aRunTrainsTheFinalMembersOnTheTestSplitExportsThemAndTheReportShowsThem() throws IOException {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        Path out = dir.resolve("exp");
        InspectCommandTest.Run r = run("run", "--config", config.toString(), "--out", out.toString(), "--no-cache");
        assertEquals(0, r.exitCode(), r.err());
        List<FinalPoint> rows = ResultTables.readFinal(out);
        assertEquals(List.of("baseline", "B1"), rows.stream().map(FinalPoint::member).toList());
        for (FinalPoint p : rows) {
            assertTrue(p.m().ok() && p.m().top1() >= 0 && p.m().top1() <= 1, p.toString());
            assertEquals(500, p.testImages(), "the fixture's whole test split");
            assertEquals("fashion-mnist/test", p.m().dataset());
            assertEquals("dl4j", p.m().evaluator(), "trained for real, whatever evaluator searched");
            assertEquals(3, p.steps());
            assertEquals(0, p.fromSteps(), "the surrogate leaves no checkpoint: trained from scratch");
            assertTrue(Files.size(out.resolve(p.model()).resolve("model.zip")) > 1000);
            assertTrue(Files.size(out.resolve(p.model()).resolve("model.onnx")) > 1000, p.model());
            assertTrue(Files.isRegularFile(out.resolve(p.model()).resolve("preprocess.json")));
            assertTrue(p.onnx());
        }
        assertTrue(rows.get(0).source().startsWith("search/") && rows.get(1).source().startsWith("grid/"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"final-models\">Final models</h2>") && html.contains("final/B1/model.onnx")
                && html.contains("data-check=\"final.baseline.top1\""), "the report's final table");
        assertEquals(0, run("report", "--check", out.toString()).exitCode());

        // effnas final on the finished directory resumes: both members are in the final journal
        long recorded = results(out.resolve("final-journal.jsonl"));
        r = run("final", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(recorded, results(out.resolve("final-journal.jsonl")), "nothing trained again");
        assertTrue(r.out().contains("baseline") && r.out().contains("500"), r.out());
        assertEquals(rows.stream().map(p -> p.m().top1()).toList(),
                ResultTables.readFinal(out).stream().map(p -> p.m().top1()).toList());

        // the check compares the final table with final.csv
        Path csv = out.resolve(ResultTables.FINAL);
        Files.writeString(csv, Files.readString(csv).replace("," + rows.get(0).m().top1() + ",", ",0.987654,"));
        InspectCommandTest.Run check = run("report", "--check", out.toString());
        assertEquals(1, check.exitCode(), check.err());
        assertTrue(check.err().contains("final.baseline.top1"), check.err());
    }

    @Test
    void aDirectoryWithoutWhatTheMembersNeedOrAnUnknownMemberIsBadInput() throws IOException {
        assertBadInput(run("final", dir.toString(), "--members", "baseline"), "not an experiment directory");
        Path exp = dir.resolve("unfinished");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("config.yaml"), TINY);
        assertBadInput(run("final", exp.toString(), "--members", "baseline"), "best/spec.json: missing");
        assertBadInput(run("final", exp.toString(), "--members", "B1"), "family.csv: missing");
        assertBadInput(run("final", exp.toString(), "--members", "B9"),
                "--members: unknown member 'B9'; " + exp + " has baseline, B0, B1, D1, W1, R1");
        assertBadInput(run("final", exp.toString(), "--members", "baseline", "--epochs", "0"), "--epochs");
        assertBadInput(run("final", exp.toString(), "--members", "baseline,B0"),
                "--members: baseline and B0 are the same network");
        assertFalse(Files.exists(exp.resolve("final-journal.jsonl")), "nothing recorded");
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, TINY.replace("[baseline, B1]", "[baseline, B9]"));
        assertBadInput(run("run", "--config", config.toString(), "--out", dir.resolve("b").toString()),
                "final.members");
    }

    @Test
    void aSearchTrainedOnTheNhwcEngineTrainsItsFinalMembersThereToo() throws IOException {
        Path config = dir.resolve("nhwc.yaml");
        Files.writeString(config, TINY.replace("[baseline, B1]", "[baseline]")
                + "training: {engine: onednn-nhwc}\n");
        Path out = dir.resolve("nhwc");
        InspectCommandTest.Run r = run("run", "--config", config.toString(), "--out", out.toString(), "--no-cache");
        assertEquals(0, r.exitCode(), r.err());
        FinalPoint p = ResultTables.readFinal(out).get(0);
        assertEquals("onednn-nhwc", p.m().evaluator(), "the provenance names the engine that trained it");
        assertTrue(p.m().ok() && p.testImages() == 500 && p.steps() == 3, p.toString());
        assertTrue(Files.size(out.resolve(p.model()).resolve("model.onnx")) > 1000, "exported from the copied graph");
        assertTrue(Files.readString(out.resolve(p.model()).resolve("metrics.json")).contains("onednn-nhwc"));
    }

    @Test
    void aMemberWithATopRungCheckpointContinuesIt() throws IOException {
        Path out = dir.resolve("dl4j");
        InspectCommandTest.Run r = run("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--budget", "4",
                "--population", "4", "--data", FIXTURE.toString(), "--subset", "200", "--batch-size", "25",
                "--scheduler", "asha", "--min-steps", "2", "--max-steps", "4", "--eta", "2", "--no-cache",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        r = run("final", out.toString(), "--members", "baseline", "--steps", "6", "--subset", "200");
        assertEquals(0, r.exitCode(), r.err());
        FinalPoint p = ResultTables.readFinal(out).get(0);
        assertTrue(p.continuedFrom().matches("search\\.c\\d{6}@r1"), p.toString());
        assertEquals(4, p.fromSteps(), "the top rung's 4 steps");
        assertEquals(6, p.steps());
        assertTrue(p.m().ok() && p.testImages() == 500, p.toString());
        assertTrue(Files.readString(out.resolve("final").resolve("baseline").resolve("metrics.json"))
                .contains("\"continued_from\" : \"" + p.continuedFrom() + "\""));
        assertEquals(1, results(out.resolve("final-journal.jsonl")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("continued " + p.continuedFrom()
                + " from step 4"), "the report's final table says so");
    }
}
