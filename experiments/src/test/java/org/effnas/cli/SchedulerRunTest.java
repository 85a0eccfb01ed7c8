package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.effnas.report.RungPoint;
import org.effnas.report.RungTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler through the engine: config section and flags, journals, rungs.csv, resume, DL4J checkpoints. */
class SchedulerRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ASHA = """
            dataset: fashion-mnist
            space: mnasnet-small
            evaluator: surrogate
            strategy: {name: evolution, population: 6, budget: {evaluations: 18}}
            grid: {max_triples: 9}   # 9, 3, 1: a pool that climbs the whole ladder from 30 steps
            family: {phi_max: 2}
            scheduler: {name: asha, min_steps: 30, max_steps: 270, eta: 3}
            seed: 3
            """;

    @TempDir
    Path dir;

    /** Every (phase, candidate, rung) that has a result in the experiment's journals. */
    private static List<String> recorded(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String journal : List.of("journal.jsonl", "grid-journal.jsonl", "family-journal.jsonl")) {
            for (String line : Files.readAllLines(out.resolve(journal))) {
                JsonNode n = JSON.readTree(line);
                if (n.path("type").asText().equals("result")) {
                    ids.add(journal + ":" + n.path("id").asText());
                }
            }
        }
        return ids;
    }

    private static void assertOnce(List<String> ids) {
        assertEquals(new HashSet<>(ids).size(), ids.size(), "a (candidate, rung) recorded twice: " + ids);
    }

    @Test
    void ashaRecordsEachRungOnceAndAResumeContinuesThePromotions() throws IOException {
        Path config = dir.resolve("asha.yaml");
        Files.writeString(config, ASHA);
        Path whole = dir.resolve("whole");
        InspectCommandTest.Run r = run("run", "--config", config.toString(), "--out", whole.toString(), "--no-cache");
        assertEquals(0, r.exitCode(), r.err());
        List<String> all = recorded(whole);
        assertOnce(all);
        assertTrue(all.stream().anyMatch(id -> id.startsWith("journal.jsonl:") && id.endsWith("@r2")),
                "a search candidate reached the top rung: " + all);
        assertTrue(all.contains("grid-journal.jsonl:c000001@r2") || all.stream()
                .anyMatch(id -> id.startsWith("grid-journal.jsonl:") && id.endsWith("@r2")), "the grid reached the top rung");
        assertTrue(all.stream().filter(id -> id.startsWith("family-journal.jsonl:")).allMatch(id -> id.endsWith("@r0")),
                "the family trains once, at max_steps");
        List<RungPoint> rungs = RungTable.read(whole);
        assertEquals(all.size(), rungs.size(), "rungs.csv has every rung result");
        assertTrue(rungs.stream().filter(p -> p.phase().equals("family")).allMatch(p -> p.steps() == 270));
        for (RungPoint p : rungs) {
            if (p.rung() > 0 && !p.phase().equals("family")) {
                long previous = p.rung() == 1 ? 30 : 90;
                assertEquals(previous, p.fromSteps(), "a promotion continues its previous rung: " + p);
            }
        }
        JsonNode trust = JSON.readTree(Files.readString(whole.resolve("trust.json")));
        assertTrue(trust.path("search").path("consecutive").size() >= 1, trust.toString());
        assertFalse(trust.path("search").path("sentence").asText().isEmpty());
        String html = Files.readString(whole.resolve("report.html"));
        assertTrue(html.contains("Multi-fidelity") && html.contains(trust.path("search").path("sentence").asText()
                .substring(0, 20)), "the report shows the rungs and the trust sentence");
        // 18 candidates leave 2 at the top rung: too few for tau there, so the sentence says so and gives the pair below
        assertTrue(trust.path("search").path("sentence").asText().startsWith("Too few candidates reached 90 steps and "
                + "270 steps (2)"), trust.toString());
        assertTrue(trust.path("search").path("sentence").asText().contains("the ranking after 30 steps agrees with "
                + "the one after 90 steps with Kendall tau"), trust.toString());
        assertTrue(html.contains("tau(30 steps, 90 steps) = "), "the tau of each rung pair, named by steps");
        int section = html.indexOf("Multi-fidelity");
        for (String phase : List.of("search", "grid")) {
            int chart = html.indexOf("data-chart=\"rung-ladder-" + phase + "\"");
            assertTrue(chart > section, "the " + phase + " rung ladder sits in the multi-fidelity section");
            assertTrue(Files.size(whole.resolve("rung-ladder-" + phase + ".png")) > 1000);
        }
        assertFalse(html.contains("rung-ladder-family"), "the family trains at one rung: no ladder");
        InspectCommandTest.Run check = run("report", "--check", whole.toString());
        assertEquals(0, check.exitCode(), "the grid winner's figure is its top rung's: " + check.out() + check.err());
        // grid.csv: every triple at the first rung, the promoted ones at the rungs above
        List<org.effnas.report.GridPoint> grid = org.effnas.report.ResultTables.readGrid(whole);
        assertEquals(Set.of(0, 1, 2), grid.stream().map(org.effnas.report.GridPoint::rung)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(rungs.stream().filter(p -> p.phase().equals("grid")).count(), grid.size(),
                "grid.csv has every grid rung of rungs.csv");
        assertTrue(grid.stream().allMatch(p -> p.steps() == new long[] {30, 90, 270}[p.rung()]));

        // interrupted: the same experiment with the search journal cut after its 20th line (a crash
        // mid-search), later phases not started; the resume ends exactly where the whole run did
        Path cut = dir.resolve("cut");
        assertEquals(0, run("run", "--config", config.toString(), "--out", cut.toString(), "--no-cache").exitCode());
        List<String> lines = Files.readAllLines(cut.resolve("journal.jsonl"));
        Files.write(cut.resolve("journal.jsonl"), lines.subList(0, 20));
        for (String f : List.of("grid-journal.jsonl", "family-journal.jsonl", "rungs.csv", "trust.json")) {
            Files.delete(cut.resolve(f));
        }
        r = run("run", "--config", config.toString(), "--out", cut.toString(), "--no-cache", "--resume");
        assertEquals(0, r.exitCode(), r.err());
        List<String> resumed = recorded(cut);
        assertOnce(resumed);
        assertEquals(new TreeSet<>(all), new TreeSet<>(resumed), "the resume ran exactly the missing rungs");

        // a resume under another scheduler is refused, the journal untouched
        String journal = Files.readString(cut.resolve("journal.jsonl"));
        Files.writeString(config, ASHA.replace("eta: 3", "eta: 2"));
        assertBadInput(run("run", "--config", config.toString(), "--out", cut.toString(), "--no-cache", "--resume"),
                "scheduler.");
        Files.writeString(config, ASHA.replace("name: asha,", "name: hyperband, brackets: 1,"));
        assertBadInput(run("run", "--config", config.toString(), "--out", cut.toString(), "--no-cache", "--resume"),
                "scheduler.");
        assertEquals(journal, Files.readString(cut.resolve("journal.jsonl")));
    }

    @Test
    void badSchedulerSettingsNameTheKeyOrFlag() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, ASHA.replace("max_steps: 270", "max_steps: 20"));
        assertBadInput(run("run", "--config", config.toString(), "--out", dir.resolve("b").toString()),
                "scheduler.max_steps");
        assertBadInput(run("search", "--evaluator", "surrogate", "--scheduler", "asha", "--eta", "1", "--no-cache",
                "--out", dir.resolve("s").toString()), "--eta");
        assertBadInput(run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--scheduler", "lottery",
                "--no-cache", "--out", dir.resolve("g").toString()), "--scheduler");
    }

    @Test
    void searchFlagsRunAsha() throws IOException {
        Path out = dir.resolve("flags");
        InspectCommandTest.Run r = run("search", "--evaluator", "surrogate", "--budget", "9", "--scheduler", "asha",
                "--min-steps", "10", "--max-steps", "90", "--eta", "3", "--no-cache", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Set<Long> steps = new TreeSet<>();
        RungTable.read(out).forEach(p -> steps.add(p.steps()));
        assertEquals(Set.of(10L, 30L, 90L), steps);
        assertTrue(Files.readString(out.resolve("journal.jsonl")).lines().findFirst().orElseThrow()
                .contains("\"scheduler\":{\"name\":\"asha\""), "the scheduler is part of the journal's identity");
    }

    @Test
    void aDl4jPromotionContinuesItsCheckpoint() throws IOException {
        // real training on the committed Fashion-MNIST subset: 200 images, rungs of 2, 4 and 8 steps
        Path fixture = Path.of("..", "worker", "src", "test", "resources", "data", "fashion-mnist-mini");
        Path out = dir.resolve("dl4j");
        InspectCommandTest.Run r = run("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--budget", "4",
                "--population", "4", "--data", fixture.toString(), "--subset", "200", "--batch-size", "25",
                "--scheduler", "asha", "--min-steps", "2", "--max-steps", "8", "--eta", "2", "--no-cache",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<RungPoint> rungs = RungTable.read(out);
        assertTrue(rungs.stream().allMatch(p -> Double.isFinite(p.top1())), "every rung trained: " + rungs);
        List<RungPoint> promoted = rungs.stream().filter(p -> p.rung() > 0).toList();
        assertFalse(promoted.isEmpty(), "a candidate was promoted: " + rungs);
        for (RungPoint p : promoted) {
            // the evaluator refuses a checkpoint whose step count is not from_steps: a finite top-1 means
            // it continued the previous rung's checkpoint
            assertEquals(p.rung() == 1 ? 2 : 4, p.fromSteps(), p.toString());
        }
        assertTrue(Files.isDirectory(out.resolve("checkpoints")));
        JsonNode metrics = JSON.readTree(Files.readString(out.resolve("best").resolve("metrics.json")));
        assertTrue(metrics.path("checkpoint").asText().startsWith("search.c"), metrics.toString());
        assertEquals(8, metrics.path("steps").asLong(), "best/model.zip is the top-rung checkpoint, not a retrain");
        assertTrue(Files.exists(out.resolve("best").resolve("model.zip")));
        assertTrue(Files.size(out.resolve("best").resolve("model.onnx")) > 1000, "best/model.onnx exported beside it");
        assertTrue(Files.exists(out.resolve("best").resolve("preprocess.json")));
    }
}
