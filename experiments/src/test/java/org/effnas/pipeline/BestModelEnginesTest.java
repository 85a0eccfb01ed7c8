package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effnas.cli.Effnas;
import org.effnas.eval.EvalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * best/model.onnx with its accuracy under both engines: a tiny winner trained a few steps on real
 * Fashion-MNIST images, saved and exported; best/metrics.json holds its minival top-1 under DL4J and
 * ONNX Runtime, computed when best/ was written, and the report shows both and links the file.
 */
class BestModelEnginesTest {

    static final Path FIXTURE = Path.of("..", "worker", "src", "test", "resources", "data", "fashion-mnist-mini");

    @TempDir
    Path dir;

    @Test
    void bestMetricsHoldTheTop1OfBothEnginesAndTheReportShowsThem() throws Exception {
        Path out = dir.resolve("s");
        int code = Effnas.commandLine().setOut(new java.io.PrintWriter(new ByteArrayOutputStream(), true))
                .setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true))
                .execute("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--budget", "1", "--data",
                        FIXTURE.toString(), "--subset", "200", "--epochs", "1", "--batch-size", "50", "--no-cache",
                        "--out", out.toString());
        assertEquals(0, code);
        assertTrue(Files.isRegularFile(out.resolve("best/model.onnx")));
        JsonNode engines = EvalJson.MAPPER.readTree(out.resolve("best/metrics.json").toFile()).path("engines");
        assertEquals("minival", engines.path("split").asText(), engines.toString());
        int images = engines.path("images").asInt();
        assertTrue(images > 0, engines.toString());
        double dl4j = engines.path("dl4j").path("top1").asDouble(Double.NaN);
        double ort = engines.path("onnxruntime").path("top1").asDouble(Double.NaN);
        // the exported graph reproduces the network: the same class for every image, so the same accuracy
        assertEquals(images, engines.path("same_top1_images").asInt(), engines.toString());
        assertEquals(dl4j, ort, 0.0, engines.toString());
        assertTrue(dl4j >= 0 && dl4j <= 1, engines.toString());
        // predict-style over the raw images with the model's own preprocessing gives the search's figure
        double recorded = EvalJson.MAPPER.readTree(out.resolve("best/metrics.json").toFile()).path("top1").asDouble();
        assertEquals(recorded, dl4j, 1.0 / images + 1e-9, engines.toString());
        assertEquals(0, Effnas.commandLine().execute("report", out.toString()));
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<a href=\"best/model.onnx\">"), "no link to best/model.onnx");
        String shown = String.format(java.util.Locale.ROOT, "%.2f%%", dl4j * 100);
        assertTrue(html.contains("<span id=\"onnx-dl4j-top1\">" + shown + "</span>")
                && html.contains("<span id=\"onnx-ort-top1\">" + String.format(java.util.Locale.ROOT, "%.2f%%", ort * 100)
                + "</span>"), html.substring(Math.max(0, html.indexOf("summary-onnx") - 20)));
    }
}
