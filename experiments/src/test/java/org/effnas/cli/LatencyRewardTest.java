package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cost: latency} from every command: DL4J measures the latency, so the reward is finite. */
class LatencyRewardTest {

    /** 1000 real Fashion-MNIST training images, committed with the worker's tests. */
    static final Path FIXTURE = Path.of("..", "worker", "src", "test", "resources", "data", "fashion-mnist-mini");

    @TempDir
    Path dir;

    @Test
    void aTrainedCandidateHasAFiniteLatencyAndReward() throws IOException {
        // 200 images, batches of 50: 4 steps per candidate
        InspectCommandTest.Run r = run("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--cost", "latency",
                "--target-latency-ms", "5", "--budget", "1", "--data", FIXTURE.toString(), "--subset", "200",
                "--epochs", "1", "--batch-size", "50", "--no-cache", "--out", dir.resolve("lat").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<SearchPoint> rows = ResultTables.readSearch(dir.resolve("lat"));
        assertEquals(1, rows.size());
        SearchPoint p = rows.get(0);
        assertTrue(p.m().ok(), p.m().failure());
        assertTrue(Double.isFinite(p.m().latencyMs()) && p.m().latencyMs() > 0, "latency " + p.m().latencyMs());
        assertTrue(Double.isFinite(p.reward()) && p.reward() > 0, "reward " + p.reward());
    }

    /**
     * The config's latency section picks the engine: ONNX Runtime times the trained net exported in
     * memory; the latency and reward are finite, the provenance names the engine, threads, batches
     * and CPU, and the report's latency table shows them.
     */
    @Test
    void onnxRuntimeMeasuresTheLatencyAndNamesItself() throws IOException {
        String engine = "onnxruntime";
        Path config = dir.resolve("latency.yaml");
        Files.writeString(config, "dataset: {name: fashion-mnist, path: " + FIXTURE.toAbsolutePath() + "}\n"
                + "reward: {cost: latency, target_latency_ms: 5}\nevaluator: dl4j\n"
                + "latency: {engine: " + engine + ", threads: 1, batch: 4, runs: 5, warmup: 2}\n");
        Path out = dir.resolve(engine);
        InspectCommandTest.Run r = run("search", "--config", config.toString(), "--space", "mnasnet-small", "--budget",
                "1", "--subset", "200", "--epochs", "1", "--batch-size", "50", "--no-cache", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        SearchPoint p = ResultTables.readSearch(out).get(0);
        assertTrue(p.m().ok(), p.m().failure());
        assertTrue(Double.isFinite(p.m().latencyMs()) && p.m().latencyMs() > 0, "latency " + p.m().latencyMs());
        assertTrue(Double.isFinite(p.reward()) && p.reward() > 0, "reward " + p.reward());
        String by = p.m().latencyBy();
        assertTrue(by.startsWith("engine=" + engine + " threads=") && by.contains(" batch=1 runs=5 ")
                && by.contains(" batch4_median_ms=") && by.contains(" cpu="), by);
        assertTrue(by.startsWith("engine=onnxruntime threads=1 "), by);
        assertEquals(0, run("report", out.toString()).exitCode());
        String html = Files.readString(out.resolve("report.html"));
        int table = html.indexOf("id=\"latency-table\"");
        assertTrue(table > 0, "no latency table");
        assertTrue(html.indexOf(">" + engine + "<", table) > 0 && html.indexOf(">1 and 4<", table) > 0, html.substring(table));
    }

    @Test
    void aTrainedEvaluatorNeedsTheLatencyTargetNamedAsTheUserWroteIt() throws IOException {
        assertBadInput(run("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--cost", "latency",
                "--budget", "1", "--data", FIXTURE.toString(), "--no-cache", "--out", dir.resolve("x").toString()),
                "--target-latency-ms: required");
        Path config = dir.resolve("latency.yaml");
        Files.writeString(config, "dataset: {name: fashion-mnist, path: " + FIXTURE.toAbsolutePath() + "}\n"
                + "reward: {cost: latency}\nevaluator: dl4j\n");
        assertBadInput(run("run", "--config", config.toString(), "--out", dir.resolve("y").toString()),
                "reward.target_latency_ms");
        assertTrue(Files.notExists(dir.resolve("x")) && Files.notExists(dir.resolve("y")));
    }
}
