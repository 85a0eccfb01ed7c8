package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command evaluator against fake trainers: each failure mode, the environment, the request. */
class CommandEvaluatorTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long MINI_PARAMS = CostModel.of(Architectures.get("effnas-mini")).params();

    @TempDir
    Path dir;

    private EvalResult run(String body, Duration timeout, OptionalInt gpu) throws Exception {
        Path script = FakeCommands.script(dir, "trainer", body);
        return FakeCommands.evaluator(dir, script, timeout, gpu).evaluate(FakeCommands.candidate("c000001"), "w0");
    }

    @Test
    void successfulResultCarriesMetricsCostAndProvenance() throws Exception {
        EvalResult r = run("echo '{\"top1\": 0.75, \"top5\": 0.99, \"loss\": 0.6, \"params\": " + MINI_PARAMS
                + ", \"train_images_per_second\": 120.5, \"version\": \"fake 1\"}' > \"$2\"", MINUTE, OptionalInt.empty());
        assertTrue(r.ok(), r.failure());
        assertEquals(0.75, r.top1());
        assertEquals(0.99, r.top5());
        assertEquals(0.6, r.loss());
        assertEquals(MINI_PARAMS, r.params());
        assertEquals(CostModel.of(Architectures.get("effnas-mini")).macs(), r.macs());
        assertEquals(120.5, r.trainImagesPerSecond());
        assertTrue(Double.isNaN(r.latencyMs()));
        assertEquals("command", r.provenance().evaluator());
        String version = r.provenance().codeVersion();
        assertTrue(version.contains("trainer.sh {request} {result} [sha256 trainer.sh "), version);
        assertTrue(version.contains("trainer fake 1"), version);
        assertTrue(version.contains("device cpu"), version);
        assertEquals("fashion-mnist/minival", r.provenance().dataset());
        assertTrue(Files.isRegularFile(dir.resolve("evaluations/c000001/attempt-1/log.txt")));
    }

    @Test
    void nonZeroExitFailsWithTheStderrTail() throws Exception {
        EvalResult r = run("echo 'loading data' >&2; echo 'RuntimeError: CUDA out of memory' >&2; exit 1",
                MINUTE, OptionalInt.empty());
        assertFalse(r.ok());
        assertTrue(r.failure().startsWith("command exited with status 1"), r.failure());
        assertTrue(r.failure().contains("loading data | RuntimeError: CUDA out of memory"), r.failure());
        assertTrue(Double.isNaN(r.top1()));
        String log = Files.readString(dir.resolve("evaluations/c000001/attempt-1/log.txt"));
        assertTrue(log.contains("RuntimeError: CUDA out of memory"), log);
    }

    @Test
    void garbageResultFailsWithTheStderrTail() throws Exception {
        EvalResult r = run("echo 'epoch 1 done' >&2; echo 'accuracy was great' > \"$2\"", MINUTE, OptionalInt.empty());
        assertFalse(r.ok());
        assertTrue(r.failure().contains("is not JSON"), r.failure());
        assertTrue(r.failure().contains("stderr tail: epoch 1 done"), r.failure());
    }

    @Test
    void missingAndOutOfRangeResultsFail() throws Exception {
        assertTrue(run("echo quiet >&2", MINUTE, OptionalInt.empty()).failure().contains("wrote no result file"));
        assertTrue(run("echo '{\"top1\": 1.5}' > \"$2\"", MINUTE, OptionalInt.empty()).failure()
                .contains("'top1' must be in [0, 1], got 1.5"));
        assertTrue(run("echo '{\"top1\": NaN}' > \"$2\"", MINUTE, OptionalInt.empty()).failure()
                .contains("'top1' must be in [0, 1], got NaN"));
        assertTrue(run("echo '{\"top5\": 0.5}' > \"$2\"", MINUTE, OptionalInt.empty()).failure()
                .contains("'top1' is missing"));
        assertTrue(run("echo '{\"top1\": 0.5, \"loss\": -1}' > \"$2\"", MINUTE, OptionalInt.empty()).failure()
                .contains("'loss' must be a finite number >= 0"));
    }

    @Test
    void oversizedOrAmbiguousResultsAreRefusedUnread() throws Exception {
        // 100 KB of padding: a result is a handful of numbers, so this is not read as one
        String big = run("head -c 100000 /dev/zero | tr '\\0' ' ' > \"$2\"; echo '{\"top1\": 0.5}' >> \"$2\"",
                MINUTE, OptionalInt.empty()).failure();
        assertTrue(big.contains("more than the " + CommandResult.MAX_RESULT_BYTES), big);
        String twice = run("echo '{\"top1\": 0.1, \"top1\": 0.99}' > \"$2\"", MINUTE, OptionalInt.empty()).failure();
        assertTrue(twice.contains("is not JSON") && twice.contains("top1"), twice);
    }

    @Test
    void paramsOtherThanTheCostModelAreRejectedWithBothNumbers() throws Exception {
        EvalResult r = run("echo '{\"top1\": 0.8, \"params\": 1234}' > \"$2\"", MINUTE, OptionalInt.empty());
        assertFalse(r.ok());
        assertTrue(r.failure().contains("has 1234 trainable parameters but the cost model counts " + MINI_PARAMS),
                r.failure());
    }

    @Test
    void hangingCommandIsKilledWithItsWholeTreeAtTheTimeout() throws Exception {
        Path pids = dir.resolve("pids");
        long t0 = System.nanoTime();
        EvalResult r = run("echo $$ > " + pids + "; sleep 300 & echo $! >> " + pids
                + "; echo 'still training' >&2; wait", Duration.ofSeconds(2), OptionalInt.empty());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertFalse(r.ok());
        assertTrue(r.failure().startsWith("timed out after 2 s"), r.failure());
        assertTrue(r.failure().contains("still training"), r.failure());
        assertTrue(seconds < 30, "took " + seconds + " s");
        List<Long> ids = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertEquals(2, ids.size());
        for (long pid : ids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " survived");
        }
    }

    @Test
    void cancelledEvaluationKillsItsTree() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = FakeCommands.script(dir, "trainer", "echo $$ > " + pids + "; sleep 300 & echo $! >> " + pids
                + "; wait");
        CommandEvaluator evaluator = FakeCommands.evaluator(dir, script, MINUTE, OptionalInt.empty());
        EvalResult[] result = new EvalResult[1];
        Thread worker = new Thread(() -> result[0] = evaluator.evaluate(FakeCommands.candidate("c000009"), "w0"));
        worker.start();
        List<Long> ids = List.of();
        for (int i = 0; i < 300 && ids.size() < 2; i++) {
            Thread.sleep(50);
            ids = Files.exists(pids) ? Files.readAllLines(pids).stream().map(String::trim).filter(x -> !x.isEmpty())
                    .map(Long::parseLong).toList() : List.of();
        }
        assertEquals(2, ids.size());
        worker.interrupt(); // what closing a local pool does to its threads
        worker.join(30_000);
        assertFalse(worker.isAlive());
        assertTrue(result[0].failure().startsWith("cancelled; the command's process tree was killed"),
                result[0].failure());
        for (long pid : ids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " survived");
        }
    }

    @Test
    void cudaVisibleDevicesNamesTheSlotsGpuAndIsEmptyOnCpu() throws Exception {
        String echo = "echo \"{\\\"top1\\\": 0.5, \\\"device\\\": \\\"cvd=[${CUDA_VISIBLE_DEVICES-unset}] "
                + "var=$EFFNAS_TEST_VAR\\\"}\" > \"$2\"";
        EvalResult gpu = run(echo, MINUTE, OptionalInt.of(3));
        assertTrue(gpu.ok(), gpu.failure());
        assertTrue(gpu.provenance().codeVersion().endsWith("device gpu3 (cvd=[3] var=hello)"),
                gpu.provenance().codeVersion());
        EvalResult cpu = run(echo, MINUTE, OptionalInt.empty());
        assertTrue(cpu.provenance().codeVersion().endsWith("device cpu (cvd=[] var=hello)"),
                cpu.provenance().codeVersion());
        JsonNode request = EvalJson.MAPPER.readTree(dir.resolve("evaluations/c000001/attempt-2/request.json").toFile());
        assertEquals("", request.at("/device/cuda_visible_devices").asText());
        JsonNode gpuRequest = EvalJson.MAPPER.readTree(dir.resolve("evaluations/c000001/attempt-1/request.json").toFile());
        assertEquals("gpu", gpuRequest.at("/device/kind").asText());
        assertEquals(3, gpuRequest.at("/device/index").asInt());
    }

    @Test
    void requestDescribesSpecRecipeBudgetDataAndCheckpoints() throws Exception {
        EvalResult r = run("cp \"$1\" " + dir.resolve("seen.json") + "; echo '{\"top1\": 0.5}' > \"$2\"",
                MINUTE, OptionalInt.empty());
        assertTrue(r.ok(), r.failure());
        JsonNode q = EvalJson.MAPPER.readTree(dir.resolve("seen.json").toFile());
        assertEquals("c000001", q.get("candidate_id").asText());
        assertEquals("k3_s1_o16", q.at("/spec/stem").asText());
        assertEquals("r2_k3_s22_e6_i16_o24_se0.25", q.at("/block_strings/1").asText());
        assertEquals(28, q.get("resolution").asInt());
        assertEquals("adam", q.at("/training/optimizer").asText());
        assertEquals(1, q.at("/budget/total_steps").asLong()); // 4 images, batch 128, 1 epoch
        assertEquals(7, q.get("seed").asLong());
        assertEquals(dir.resolve("split.json").toString(), q.at("/dataset/split_file").asText());
        JsonNode split = EvalJson.MAPPER.readTree(dir.resolve("split.json").toFile());
        assertEquals("[0,1,2,5]", split.get("train").toString());
        assertEquals("[3,4]", split.get("minival").toString());
        assertTrue(q.at("/checkpoint/resume_from").isNull());
        assertTrue(q.at("/checkpoint/write_to").asText().endsWith("evaluations/c000001/attempt-1/checkpoint.pt"));
        assertEquals(MINI_PARAMS, q.get("cost_model_params").asLong());
        assertNull(r.failure());
    }

    @Test
    void badSettingsNameTheKey() {
        Path evaluations = dir.resolve("e");
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> CommandSettings.of(List.of(), MINUTE, Map.of(), dir, evaluations));
        assertTrue(empty.getMessage().startsWith("evaluator.command: empty"), empty.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> CommandSettings.of(List.of("no-such-trainer-xyz", "{result}"), MINUTE, Map.of(), dir, evaluations));
        assertTrue(missing.getMessage().contains("'no-such-trainer-xyz' not found on PATH"), missing.getMessage());
        InvalidInputException noResult = assertThrows(InvalidInputException.class,
                () -> CommandSettings.of(List.of("sh", "{request}"), MINUTE, Map.of(), dir, evaluations));
        assertTrue(noResult.getMessage().startsWith("evaluator.command: no {result} placeholder"), noResult.getMessage());
    }
}
