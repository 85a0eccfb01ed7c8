package org.effnas.worker.batchnorm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a training forward pass of {@link BatchNormActivationLayer} keeps for its backward pass, in
 * the activations workspace: the batch statistics and, depending on the activation, the
 * pre-activation, the sigmoid of a swish and the output. Fields not needed stay null.
 */
final class SavedForBackprop {

    INDArray batchMean;
    INDArray batchVar;
    INDArray invStd;
    INDArray preActivation;
    INDArray sigmoid;
    INDArray output;

    void clear() {
        batchMean = null;
        batchVar = null;
        invStd = null;
        preActivation = null;
        sigmoid = null;
        output = null;
    }
}
