package org.effnas.worker.batchnorm;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation over the channels of an NCHW map followed by an activation, as one layer.
 * It keeps DL4J's batch-norm parameters (gamma, beta, running mean and variance with the NoOp
 * updater) and biased batch variance, with one deliberate difference: the running statistics are
 * the zero-debiased exponential moving average of the batch statistics (see
 * {@code BatchNormActivationLayer.runningStatisticsRate}), so a short proxy run is not evaluated
 * with statistics still dominated by their initial values. It computes them with fewer, cheaper native passes than DL4J M2.1, whose
 * oneDNN {@code batchnorm_bp} and TAD variance took about 40% of a training step, and it stores
 * the sigmoid of a swish for the backward pass instead of recomputing exponentials.
 */
public class BatchNormActivation extends BatchNormalization {

    /** For DL4J's JSON (de)serialisation. */
    public BatchNormActivation() {
    }

    /** Batch norm with this momentum ({@code decay}) and epsilon, then {@code activation}. */
    public BatchNormActivation(String name, double decay, double eps, IActivation activation) {
        setLayerName(name);
        setDecay(decay);
        setEps(eps);
        setMinibatch(true);
        setGamma(1.0);
        setBeta(0.0);
        setLockGammaBeta(false);
        setCudnnAllowFallback(true);
        setUseLogStd(false);
        setCnn2DFormat(CNN2DFormat.NCHW);
        setActivationFn(activation == null ? new ActivationIdentity() : activation);
    }

    /**
     * The arithmetic this layer's Java kernels run in this JVM: "vector" and a lane count
     * (started with {@code --add-modules jdk.incubator.vector}) or "scalar".
     */
    public static String kernelArithmetic() {
        return BatchNormForward.kernels();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        BatchNormActivationLayer layer = new BatchNormActivationLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer initializer = initializer();
        Map<String, INDArray> params = initializer.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
