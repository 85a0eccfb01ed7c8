package org.effnas.config;

import org.effnas.SettingChoice;
import org.effnas.worker.export.ImageClassifier;

/** The engine that measures {@code cost: latency}: see {@link LatencyConfig}. */
public enum LatencyEngine implements SettingChoice {
    /** ONNX Runtime when its native library loads on the machine, else DL4J (saying so). */
    AUTO,
    /** ONNX Runtime (CPU) on the trained network exported to ONNX in memory. */
    ONNXRUNTIME,
    /** DL4J running the trained network itself. */
    DL4J;

    @Override
    public String toString() {
        return text();
    }

    /** The inference engine asked for (the one of the same name); null for {@link #AUTO}. */
    public ImageClassifier.Engine engine() {
        return this == AUTO ? null : ImageClassifier.Engine.valueOf(name());
    }
}
