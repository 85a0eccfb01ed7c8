package org.effnas.worker.export;

import java.nio.file.Path;
import java.util.Random;
import org.effnas.InvalidInputException;
import org.effnas.worker.profile.ProcessorName;
import org.effnas.worker.train.LatencyStats;
import org.effnas.worker.train.Preprocessing;

/**
 * Inference latency of a saved model as it is deployed: the chosen engine ({@link ImageClassifier.Engine}),
 * a fixed thread count, a batch size, {@code warmup} untimed runs (JIT, allocator, ONNX Runtime's
 * first-run planning), then the median of {@code runs} timed runs with the spread (10th and 90th
 * percentile, min, max). Inputs are fixed random values of the model's input shape (the cost of a
 * forward pass does not depend on pixel values).
 *
 * @param engine   the engine that ran the model
 * @param threads  intra-op threads asked for (0 = the engine's default)
 * @param batch    images per run
 * @param runs     timed runs
 * @param medianMs median milliseconds per run
 * @param p10Ms    10th percentile
 * @param p90Ms    90th percentile
 * @param minMs    fastest run
 * @param maxMs    slowest run
 * @param cpu      the processor it ran on, for provenance
 */
public record InferenceLatency(String engine, int threads, int batch, int runs, double medianMs, double p10Ms,
                               double p90Ms, double minMs, double maxMs, String cpu) {

    /** Measures {@code model} (folder, model.zip or model.onnx). */
    public static InferenceLatency measure(Path model, ImageClassifier.Engine engine, int threads, int batch,
                                           int warmup, int runs) {
        if (batch < 1 || runs < 1 || warmup < 0) {
            throw new InvalidInputException("latency: batch and runs must be >= 1 and warm-up >= 0, got batch " + batch
                    + ", runs " + runs + ", warm-up " + warmup);
        }
        try (ImageClassifier c = ImageClassifier.open(model, engine, threads)) {
            Preprocessing pre = c.preprocessing();
            float[] x = new float[batch * pre.channels() * pre.resolution() * pre.resolution()];
            Random rng = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            LatencyStats t = LatencyStats.time(batch, warmup, runs, () -> c.probabilities(x, batch));
            return new InferenceLatency(engine.id(), threads, batch, runs, t.medianMs(), t.p10Ms(), t.p90Ms(),
                    t.minMs(), t.maxMs(), ProcessorName.describe());
        }
    }
}
