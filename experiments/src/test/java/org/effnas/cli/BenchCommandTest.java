package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code effnas bench infer}, {@code gemm} and {@code train} print complete JSON for a tiny case (no timing checks). */
class BenchCommandTest {

    @Test
    void inferReportsBothEnginesAtBothBatchesWithFiniteFigures(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("measured.yaml");
        InspectCommandTest.Run r = InspectCommandTest.run("bench", "infer", "effnas-mini", "--resolution", "12",
                "--runs", "2", "--warmup", "1", "--throughput-batch", "3", "--threads", "1",
                "--save-spec", spec.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        ArchSpec expected = Architectures.get("effnas-mini").withInput(12, 1, 10);
        assertEquals(expected, SpecFiles.read(spec), "--save-spec writes the spec that was measured");
        assertEquals(12, json.path("resolution").asInt());
        assertEquals(CostModel.of(expected).params(), json.path("params").asLong(), r.out());
        assertEquals(1, json.path("threads").asInt());
        assertTrue(json.path("weights").asText().contains("random"), r.out());
        assertTrue(!json.path("cpu").asText().isBlank(), r.out());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : json.path("results")) {
            seen.add(row.path("engine").asText() + "@" + row.path("batch").asInt());
            for (String field : List.of("median_ms", "p10_ms", "p90_ms", "images_per_second")) {
                double v = row.path(field).asDouble(Double.NaN);
                assertTrue(Double.isFinite(v) && v > 0, field + " in " + row);
            }
            assertTrue(row.path("p10_ms").asDouble() <= row.path("p90_ms").asDouble(), row.toString());
        }
        assertEquals(List.of("dl4j@1", "dl4j@3", "onnxruntime@1", "onnxruntime@3"), seen, r.out());
    }

    @Test
    void anUnknownEngineIsBadInput() {
        InspectCommandTest.assertBadInput(InspectCommandTest.run("bench", "infer", "effnas-mini", "--engine", "tvm"),
                "--engine: unknown engine 'tvm'");
    }

    @Test
    void gemmReportsEachKernelAndSize() throws IOException {
        InspectCommandTest.Run r = InspectCommandTest.run("bench", "gemm", "--sizes", "32,64", "--runs", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.path("threads").asInt() >= 1, r.out());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : json.path("results")) {
            seen.add(row.path("kernel").asText() + "@" + row.path("n").asInt());
            double best = row.path("best_gflops_per_second").asDouble(Double.NaN);
            assertTrue(Double.isFinite(best) && best >= row.path("median_gflops_per_second").asDouble(), row.toString());
        }
        assertEquals(List.of("nd4j-gemm-blas@32", "nd4j-matmul-op@32", "nd4j-gemm-blas@64", "nd4j-matmul-op@64"),
                seen);
    }

    @Test
    void trainWithoutProfileIsUnprofiledAndSyntheticTakesTheSpecsOwnShape(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("trained.yaml");
        InspectCommandTest.Run r = InspectCommandTest.run("bench", "train", "effnas-mini", "--synthetic",
                "--channels", "3", "--classes", "4", "--resolution", "12", "--batch", "4", "--iterations", "2",
                "--warmup", "0", "--save-spec", spec.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(Architectures.get("effnas-mini").withInput(12, 3, 4), SpecFiles.read(spec));
        assertEquals("synthetic", json.path("data").asText());
        assertEquals(3, json.path("channels").asInt());
        assertTrue(Double.isFinite(json.path("images_per_second").asDouble(Double.NaN)), r.out());
        double assembly = json.path("batch_assembly_share").asDouble(Double.NaN);
        assertTrue(assembly >= 0 && assembly <= 1, r.out());
        assertTrue(json.path("layer_shares").isMissingNode() && json.path("onednn").isMissingNode(),
                "the profile is opt-in: " + r.out());
    }

    @Test
    void trainOnTheNhwcEngineNamesItCountsTheCostModelsParametersAndProfilesItself() throws IOException {
        InspectCommandTest.Run r = InspectCommandTest.run("bench", "train", "effnas-mini", "--synthetic",
                "--channels", "3", "--classes", "4", "--resolution", "12", "--batch", "4", "--iterations", "2",
                "--warmup", "1", "--engine", "onednn-nhwc", "--profile");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("onednn-nhwc", json.path("engine").asText());
        assertEquals("f32", json.path("precision").asText());
        assertEquals(CostModel.of(Architectures.get("effnas-mini").withInput(12, 3, 4)).params(),
                json.path("params").asLong(), r.out());
        assertTrue(json.path("backend").asText().startsWith("engine=onednn-nhwc precision=f32 onednn="), r.out());
        assertTrue(json.path("images_per_second").asDouble() > 0, r.out());
        double sum = 0;
        for (JsonNode share : json.path("phase_shares")) {
            sum += share.asDouble();
        }
        assertEquals(1.0, sum, 0.01, "forward, backward and update cover the profiled time: " + r.out());
        assertTrue(json.path("layer_shares").has("backward depthwise"), r.out());
        // one reorder into each convolution's forward kernel, one into its backward-data kernel where it has
        // one, one of its weight gradient back, and the input batch's
        assertTrue(json.path("onednn").path("reorders_per_step").asDouble() > 20, r.out());
    }

    @Test
    void theNhwcEnginesSettingsAreRefusedWhereTheyDoNotApply() {
        InspectCommandTest.assertBadInput(InspectCommandTest.run("bench", "train", "effnas-mini", "--engine", "tvm"),
                "unknown engine 'tvm', expected one of dl4j, onednn-nhwc");
        InspectCommandTest.assertBadInput(InspectCommandTest.run("bench", "train", "effnas-mini", "--precision",
                "bf16"), "--precision bf16 needs --engine onednn-nhwc");
        InspectCommandTest.assertBadInput(InspectCommandTest.run("bench", "train", "effnas-mini", "--precision",
                "fp16", "--engine", "onednn-nhwc"), "unknown precision 'fp16'");
    }

    @Test
    void channelsWithoutSyntheticIsBadInput() {
        InspectCommandTest.assertBadInput(InspectCommandTest.run("bench", "train", "effnas-mini", "--channels", "3"),
                "--channels and --classes go with --synthetic");
    }
}
