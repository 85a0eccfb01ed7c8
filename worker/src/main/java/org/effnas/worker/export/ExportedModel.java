package org.effnas.worker.export;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * @param file       the {@code .onnx} file
 * @param preprocess the {@code preprocess.json} written beside it
 * @param opset      the declared opset
 * @param nodes      number of ONNX nodes
 * @param parameters number of constant values (weights and batch-norm statistics)
 * @param bytes      size of the {@code .onnx} file
 */
public record ExportedModel(Path file, Path preprocess, int opset, int nodes, long parameters, long bytes) {
}
