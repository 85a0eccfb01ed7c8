package org.effnas.worker.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Top-1 and top-5 accuracy and mean cross-entropy of a network on a labelled split (inference
 * mode: running batch-norm statistics, no dropout or drop-connect).
 *
 * @param top5 NaN when there are 5 classes or fewer (it would be 1 by definition)
 */
public record Accuracy(double top1, double top5, double loss, long images) {

    /** Evaluates {@code net} on every batch of {@code data} (reset first). */
    public static Accuracy of(ComputationGraph net, DataSetIterator data) {
        data.reset();
        long images = 0;
        long correct1 = 0;
        long correct5 = 0;
        double lossSum = 0;
        int classes = -1;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray probabilities = net.outputSingle(false, batch.getFeatures());
            float[][] p = probabilities.toFloatMatrix();
            float[][] y = batch.getLabels().toFloatMatrix();
            classes = p[0].length;
            for (int i = 0; i < p.length; i++) {
                int label = argmax(y[i]);
                float own = p[i][label];
                int higher = 0;
                for (float v : p[i]) {
                    if (v > own) {
                        higher++;
                    }
                }
                correct1 += higher == 0 ? 1 : 0;
                correct5 += higher < 5 ? 1 : 0;
                lossSum -= Math.log(Math.max(own, 1e-12));
            }
            images += p.length;
        }
        if (images == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty split");
        }
        return new Accuracy((double) correct1 / images, classes > 5 ? (double) correct5 / images : Double.NaN,
                lossSum / images, images);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
