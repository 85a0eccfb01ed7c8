package org.effnas.worker.export;

import java.util.function.Consumer;
import org.effnas.worker.train.InferenceSpeed;
import org.effnas.worker.train.LatencyProbe;
import org.effnas.worker.train.LatencySettings;

/**
 * Which engine measures latency: the one asked for, or by default ONNX Runtime when its native
 * library loads on this machine, else DL4J (saying so once).
 */
public final class LatencyEngines {

    private LatencyEngines() {
    }

    /** Whether ONNX Runtime's native library loads here. */
    public static boolean onnxRuntimeLoads() {
        try {
            ai.onnxruntime.OrtEnvironment.getEnvironment();
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * The engine to measure with.
     *
     * @param requested null for the default
     * @param log       receives one line when the default falls back to DL4J
     */
    public static ImageClassifier.Engine resolve(ImageClassifier.Engine requested, Consumer<String> log) {
        if (requested != null) {
            return requested;
        }
        if (onnxRuntimeLoads()) {
            return ImageClassifier.Engine.ONNXRUNTIME;
        }
        log.accept("effnas: ONNX Runtime does not load on this machine; latency is measured with DL4J "
                + "(set latency.engine to silence this)");
        return ImageClassifier.Engine.DL4J;
    }

    /** The probe of {@code engine}. */
    public static LatencyProbe probe(ImageClassifier.Engine engine, LatencySettings settings) {
        return engine == ImageClassifier.Engine.ONNXRUNTIME ? OnnxLatencyProbe.of(settings) : InferenceSpeed.dl4j(settings);
    }
}
