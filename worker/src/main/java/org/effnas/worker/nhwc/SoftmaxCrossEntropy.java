package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;

/**
 * The NHWC engine's loss: softmax cross-entropy of a batch's logits against soft targets, averaged over
 * the batch, and its gradient {@code (softmax(z) - t) / batch}, the form DL4J's MCXENT output layer uses
 * for targets that sum to one.
 */
final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /** The batch's mean loss; writes d loss / d logits into {@code grads}. */
    static double lossAndGradients(FloatBuffer logits, float[] targets, FloatBuffer grads, int batch, int classes) {
        double loss = 0;
        for (int n = 0; n < batch; n++) {
            int o = n * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits.get(o + k));
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(logits.get(o + k) - max);
                grads.put(o + k, (float) e); // the exponentials, until the sum is known
                sum += e;
            }
            double logSum = Math.log(sum);
            for (int k = 0; k < classes; k++) {
                float t = targets[o + k];
                if (t != 0) {
                    loss -= t * (logits.get(o + k) - max - logSum);
                }
                grads.put(o + k, (float) ((grads.get(o + k) / sum - t) / batch));
            }
        }
        return loss / batch;
    }
}
