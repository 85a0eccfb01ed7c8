package org.effnas.worker.batchnorm;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The loss gradients of a batch-norm layer's scale (gamma) and shift (beta), one value per channel. */
record GammaBetaGradients(INDArray gamma, INDArray beta) {
}
