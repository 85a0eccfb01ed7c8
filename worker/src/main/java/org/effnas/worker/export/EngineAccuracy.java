package org.effnas.worker.export;

import java.nio.file.Path;
import org.effnas.data.ImageSplit;
import org.effnas.worker.train.Preprocessing;

/**
 * A saved model's top-1 on a split as {@code effnas predict} computes it: the model's own
 * preprocessing applied to the raw images ({@link ModelInput}), run by one engine. Two engines on the
 * same model and images give the deployment check the report shows: the same accuracy, and on how
 * many images their top-1 classes agree.
 *
 * @param engine    the engine that ran the model
 * @param correct   images classified correctly
 * @param images    images evaluated
 * @param predicted each image's top-1 class, in split order
 */
public record EngineAccuracy(ImageClassifier.Engine engine, int correct, int images, int[] predicted) {

    public EngineAccuracy {
        if (images < 1 || correct < 0 || correct > images || predicted.length != images) {
            throw new IllegalArgumentException("accuracy: need 0 <= correct <= images >= 1, got " + correct + "/"
                    + images);
        }
        predicted = predicted.clone();
    }

    /** Top-1 accuracy. */
    public double top1() {
        return (double) correct / images;
    }

    /** Images on which this and {@code other} predict the same class. */
    public int agreement(EngineAccuracy other) {
        int same = 0;
        for (int i = 0; i < Math.min(predicted.length, other.predicted.length); i++) {
            same += predicted[i] == other.predicted[i] ? 1 : 0;
        }
        return same;
    }

    /** Runs the model saved in {@code model} (folder) with {@code engine} over every image of {@code split}. */
    public static EngineAccuracy of(Path model, ImageClassifier.Engine engine, ImageSplit split) {
        try (ImageClassifier c = ImageClassifier.open(model, engine, 0)) {
            Preprocessing pre = c.preprocessing();
            int n = split.count();
            int[] predicted = new int[n];
            int correct = 0;
            int batch = 64;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                float[][] p = c.probabilities(ModelInput.of(split, from, to, pre), to - from);
                for (int i = from; i < to; i++) {
                    float[] row = p[i - from];
                    int best = 0;
                    for (int j = 1; j < row.length; j++) {
                        best = row[j] > row[best] ? j : best;
                    }
                    predicted[i] = best;
                    correct += best == split.labels()[i] ? 1 : 0;
                }
            }
            return new EngineAccuracy(engine, correct, n, predicted);
        }
    }
}
