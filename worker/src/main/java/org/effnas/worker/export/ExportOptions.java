package org.effnas.worker.export;

/**
 * How a model is exported.
 *
 * @param opset   the ONNX opset to declare
 * @param softmax also output {@value GraphExporter#PROBABILITIES} (softmax of the logits)
 */
public record ExportOptions(OnnxOpset opset, boolean softmax) {

    public ExportOptions {
        if (opset == null) {
            throw new IllegalArgumentException("opset is required");
        }
    }

    public static ExportOptions of(int opset, boolean softmax) {
        return new ExportOptions(OnnxOpset.of(opset), softmax);
    }

    /** Opset {@value OnnxOpset#DEFAULT}, logits and probabilities. */
    public static ExportOptions defaults() {
        return new ExportOptions(OnnxOpset.defaults(), true);
    }
}
