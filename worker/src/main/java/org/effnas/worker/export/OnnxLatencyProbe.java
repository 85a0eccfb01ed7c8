package org.effnas.worker.export;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.worker.profile.ProcessorName;
import org.effnas.worker.train.InferenceSpeed;
import org.effnas.worker.train.LatencyProbe;
import org.effnas.worker.train.LatencySettings;
import org.effnas.worker.train.LatencyStats;

/**
 * Latency the way a model is deployed: the trained network exported to ONNX in memory (the same
 * {@link GraphExporter} translation as {@code effnas export}, logits only, nothing written to disk),
 * loaded into ONNX Runtime's CPU provider with the configured intra-op threads, and timed at batch 1
 * and the configured batch on fixed random inputs.
 */
public final class OnnxLatencyProbe implements LatencyProbe {

    private final LatencySettings settings;

    private OnnxLatencyProbe(LatencySettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    public static OnnxLatencyProbe of(LatencySettings settings) {
        return new OnnxLatencyProbe(settings);
    }

    @Override
    public InferenceSpeed measure(ComputationGraph net, int channels, int resolution) {
        OnnxGraph graph = GraphExporter.export(net, resolution, channels, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OnnxModelWriter.write(graph, OnnxOpset.defaults(), Map.of(), "latency probe", bytes);
        try (OnnxRuntimeModel model = OnnxRuntimeModel.load(bytes.toByteArray(), "in-memory export", settings.threads())) {
            float[] one = inputs(1, channels, resolution);
            LatencyStats single = LatencyStats.time(1, settings.warmup(), settings.runs(),
                    () -> model.logits(one, 1, channels, resolution));
            LatencyStats batched = single;
            if (settings.batch() > 1) {
                float[] many = inputs(settings.batch(), channels, resolution);
                batched = LatencyStats.time(settings.batch(), Math.min(settings.warmup(), 2), settings.runs(),
                        () -> model.logits(many, settings.batch(), channels, resolution));
            }
            return new InferenceSpeed(ImageClassifier.Engine.ONNXRUNTIME.id(), settings.threads(),
                    ProcessorName.describe(), single, batched);
        }
    }

    private static float[] inputs(int n, int channels, int resolution) {
        float[] x = new float[n * channels * resolution * resolution];
        Random rng = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
