package org.effnas.worker.export;

import org.effnas.InvalidInputException;

/**
 * The ONNX operator-set version an exported model imports, from {@value #MIN} to {@value #MAX}
 * (default {@value #DEFAULT}). Every operator the exporter writes (Conv, BatchNormalization,
 * Sigmoid, Mul, Relu, Add, GlobalAveragePool, GlobalMaxPool, Flatten, Reshape, Gemm, Softmax) has
 * the same inputs and attributes, as the exporter uses them, across this range; 13 is where
 * Softmax became a per-axis op, the first version whose semantics match DL4J's softmax over classes.
 *
 * @param version the default-domain opset version
 */
public record OnnxOpset(int version) {

    public static final int MIN = 13;
    public static final int MAX = 21;
    public static final int DEFAULT = 17;

    public OnnxOpset {
        if (version < MIN || version > MAX) {
            throw new InvalidInputException("--opset: " + version + " is not supported; the exporter writes opset "
                    + MIN + " to " + MAX + " (default " + DEFAULT + ")");
        }
    }

    public static OnnxOpset of(int version) {
        return new OnnxOpset(version);
    }

    public static OnnxOpset defaults() {
        return new OnnxOpset(DEFAULT);
    }

    /**
     * The IR version released with this opset (ONNX's versioning table): runtimes refuse a model
     * whose IR version is newer than they know, so the lowest one that carries the opset is written.
     */
    public int irVersion() {
        if (version <= 14) {
            return 7;
        }
        if (version <= 18) {
            return 8;
        }
        return version <= 20 ? 9 : 10;
    }
}
