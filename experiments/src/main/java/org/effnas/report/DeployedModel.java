package org.effnas.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.effnas.eval.EvalJson;

/**
 * {@code best/model.onnx} as the report shows it: the link, and the winner's top-1 under DL4J
 * ({@code model.zip}) and ONNX Runtime ({@code model.onnx}) on the same images, computed when
 * {@code best/} was written and read from {@code best/metrics.json} (the report runs no model).
 *
 * @param split         the split both engines ran on ({@code minival})
 * @param images        how many images
 * @param dl4jTop1      top-1 of model.zip under DL4J
 * @param onnxTop1      top-1 of model.onnx under ONNX Runtime
 * @param sameTop1      images on which both predicted the same class
 */
record DeployedModel(String split, int images, double dl4jTop1, double onnxTop1, int sameTop1) {

    /** The file the report links to, relative to the experiment directory. */
    static final String FILE = "best/model.onnx";

    /** Present when best/model.onnx exists; the figures NaN when metrics.json has no both-engine evaluation. */
    static Optional<DeployedModel> read(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(FILE))) {
            return Optional.empty();
        }
        Path metrics = dir.resolve(ReportSummary.BEST_METRICS);
        JsonNode e = Files.isRegularFile(metrics) ? EvalJson.MAPPER.readTree(metrics.toFile()).path("engines")
                : EvalJson.MAPPER.missingNode();
        return Optional.of(new DeployedModel(e.path("split").asText(""), e.path("images").asInt(0),
                e.path("dl4j").path("top1").asDouble(Double.NaN), e.path("onnxruntime").path("top1").asDouble(Double.NaN),
                e.path("same_top1_images").asInt(0)));
    }

    /** Whether both engines' figures are known. */
    boolean evaluated() {
        return images > 0 && Double.isFinite(dl4jTop1) && Double.isFinite(onnxTop1);
    }

    void append(StringBuilder b) {
        b.append("<p class=\"headline\" id=\"summary-onnx\"><b>Deployable model</b> <a href=\"").append(FILE)
                .append("\"><code>").append(FILE).append("</code></a> (ONNX opset ").append(org.effnas.worker.export.OnnxOpset.DEFAULT)
                .append(", preprocessing in its metadata and ")
                .append("<code>best/preprocess.json</code>)");
        if (evaluated()) {
            b.append(": ").append(HtmlReport.esc(split)).append(" top-1 <span id=\"onnx-dl4j-top1\">")
                    .append(HtmlReport.esc(NumberText.percent2(dl4jTop1))).append("</span> under DL4J (model.zip), ")
                    .append("<span id=\"onnx-ort-top1\">").append(HtmlReport.esc(NumberText.percent2(onnxTop1)))
                    .append("</span> under ONNX Runtime (model.onnx), over ").append(images).append(" images, ")
                    .append(sameTop1).append(" of them classified alike by both.");
        } else {
            b.append(": not evaluated under both engines (best/metrics.json has no <code>engines</code> entry).");
        }
        b.append("</p>\n");
    }
}
