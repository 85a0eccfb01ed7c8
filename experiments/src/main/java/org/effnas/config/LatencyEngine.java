package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.effnas.SettingChoice;
import org.effnas.worker.export.ImageClassifier;

/** The engine that measures {@code cost: latency}: see {@link LatencyConfig}. */
public enum LatencyEngine implements SettingChoice {
    /** ONNX Runtime when its native library loads on the machine, else DL4J (saying so). */
    AUTO("auto"),
    /** ONNX Runtime (CPU) on the trained network exported to ONNX in memory. */
    ONNXRUNTIME("onnxruntime"),
    /** DL4J running the trained network itself. */
    DL4J("dl4j");

    private final String text;

    LatencyEngine(String text) {
        this.text = text;
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    public static List<String> names() {
        return SettingChoice.names(LatencyEngine.class);
    }

    /** Parses a name already checked against {@link #names()} (by the config reader). */
    static LatencyEngine of(String name) {
        return SettingChoice.parse(LatencyEngine.class, "latency engine", "engine", name);
    }

    /** The inference engine asked for; null for {@link #AUTO}. */
    public ImageClassifier.Engine engine() {
        return switch (this) {
            case AUTO -> null;
            case ONNXRUNTIME -> ImageClassifier.Engine.ONNXRUNTIME;
            case DL4J -> ImageClassifier.Engine.DL4J;
        };
    }
}
