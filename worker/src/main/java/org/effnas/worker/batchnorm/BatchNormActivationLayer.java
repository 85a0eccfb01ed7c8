package org.effnas.worker.batchnorm;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime side of {@link BatchNormActivation}. For swish, ReLU and identity on dense float maps
 * both directions run in Java two-sweep kernels: forward {@link BatchNormForward} (batch or running
 * statistics, then normalise and activate), backward {@link BatchNormBackward} (the activation
 * derivative and the batch-norm gradient). Other activations and layouts compose ND4J ops
 * ({@link ComposedBatchNorm}). A training forward pass keeps what backprop needs in
 * {@link SavedForBackprop}.
 */
final class BatchNormActivationLayer extends BatchNormalization {

    private final boolean swish;
    private final boolean identity;
    private final SavedForBackprop saved = new SavedForBackprop();
    private boolean fusedForward;
    /** Set while {@link PreciseBatchNorm} measures population statistics; null otherwise. */
    private PopulationStatistics population;

    BatchNormActivationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        IActivation act = conf.getLayer() instanceof BatchNormActivation b ? b.getActivationFn() : null;
        this.swish = act instanceof ActivationSwish;
        this.identity = act == null || act instanceof ActivationIdentity;
    }

    /** None: this layer computes batch norm itself and never calls DL4J's helper. */
    @Override
    public LayerHelper getHelper() {
        return null;
    }

    BatchNormActivation bnConf() {
        return (BatchNormActivation) conf.getLayer();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = input;
        if (x.rank() != 4) {
            throw new IllegalStateException(layerId() + ": expected NCHW input, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.ordering() != 'c') {
            x = workspaceMgr.dup(ArrayType.INPUT, x, 'c');
        }
        BatchNormBackward.Activation kernel = kernelActivation();
        fusedForward = kernel != null && BatchNormForward.supports(x);
        return fusedForward ? activateFused(kernel, x, training, workspaceMgr)
                : ComposedBatchNorm.forward(this, kernel, x, training, population, saved, workspaceMgr);
    }

    /** The activation as the Java kernels know it, or null if they do not handle it. */
    private BatchNormBackward.Activation kernelActivation() {
        return swish ? BatchNormBackward.Activation.SWISH
                : identity ? BatchNormBackward.Activation.IDENTITY
                : bnConf().getActivationFn() instanceof ActivationReLU ? BatchNormBackward.Activation.RELU : null;
    }

    /** Whether the last forward pass ran the {@link BatchNormForward} kernel (tests check the dispatch). */
    boolean lastForwardFused() {
        return fusedForward;
    }

    /** Forward in the two-sweep Java kernel; saves what backprop needs when training. */
    private INDArray activateFused(BatchNormBackward.Activation kernel, INDArray x, boolean training,
                                   LayerWorkspaceMgr workspaceMgr) {
        int channels = (int) x.size(1);
        float[] gamma = getParam(BatchNormalizationParamInitializer.GAMMA).toFloatVector();
        float[] beta = getParam(BatchNormalizationParamInitializer.BETA).toFloatVector();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        // the sigmoid is only kept for backprop; inference does not write it at all
        INDArray sig = training && kernel == BatchNormBackward.Activation.SWISH
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c') : null;
        if (training || population != null) {
            double[] mean = new double[channels];
            double[] var = new double[channels];
            float[] invStdValues = new float[channels];
            BatchNormForward.withBatchStatistics(kernel, x, gamma, beta, bnConf().getEps(), mean, var,
                    invStdValues, sig, out);
            if (training) {
                saved.batchMean = channelVector(workspaceMgr, toFloats(mean));
                saved.batchVar = channelVector(workspaceMgr, toFloats(var));
                saved.invStd = channelVector(workspaceMgr, invStdValues);
            } else {
                population.add(mean, var, x.length() / channels);
            }
        } else {
            double eps = bnConf().getEps();
            float[] var = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toFloatVector();
            float[] invStdValues = new float[channels];
            for (int c = 0; c < channels; c++) {
                invStdValues[c] = (float) (1 / Math.sqrt(var[c] + eps));
            }
            BatchNormForward.withGivenStatistics(kernel, x,
                    getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toFloatVector(), invStdValues,
                    gamma, beta, null, out);
        }
        // the kernels' activations differentiate from the saved output and sigmoid, never from z
        saved.preActivation = null;
        saved.sigmoid = sig;
        saved.output = training ? out : null;
        return out;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** A length-C float vector in the activations workspace (saved for backprop). */
    private static INDArray channelVector(LayerWorkspaceMgr workspaceMgr, float[] values) {
        INDArray v = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, values.length);
        v.data().setData(values);
        return v;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (saved.batchMean == null) {
            throw new IllegalStateException(layerId() + ": backprop without a training forward pass");
        }
        INDArray x = input.ordering() == 'c' ? input : input.dup('c');
        INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.BP_WORKING_MEM)) {
            INDArray e = BatchNormBackward.supports(epsilon) ? epsilon : epsilon.dup('c');
            INDArray xIn = BatchNormBackward.supports(x) ? x : x.dup('c');
            BatchNormBackward.Activation kernel = kernelActivation();
            INDArray dGamma;
            INDArray dBeta;
            if (kernel != null && BatchNormBackward.supports(dx, saved.sigmoid, saved.output)) {
                int c = (int) x.size(1);
                float[] dg = new float[c];
                float[] db = new float[c];
                BatchNormBackward.run(kernel, xIn, e, saved.sigmoid, saved.output, dx, saved.batchMean.toFloatVector(),
                        saved.invStd.toFloatVector(), gamma.toFloatVector(), dg, db);
                dGamma = Nd4j.createFromArray(dg);
                dBeta = Nd4j.createFromArray(db);
            } else {
                GammaBetaGradients grads = ComposedBatchNorm.backward(this, kernel, x, e, saved, dx);
                dGamma = grads.gamma();
                dBeta = grads.beta();
            }

            double decay = bnConf().getDecay();
            INDArray gammaView = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
            INDArray betaView = gradientViews.get(BatchNormalizationParamInitializer.BETA);
            INDArray meanView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            INDArray varView = gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR);
            gammaView.assign(dGamma.reshape(gammaView.shape()));
            betaView.assign(dBeta.reshape(betaView.shape()));
            // DL4J applies "param -= gradient" with the NoOp updater: this moves the running
            // statistics towards the batch's by the zero-debiased factor of an EMA with this decay
            double rate = runningStatisticsRate(decay, getIterationCount());
            INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            INDArray globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            meanView.assign(globalMean.sub(saved.batchMean.reshape(globalMean.shape())).muli(rate));
            varView.assign(globalVar.sub(saved.batchVar.reshape(globalVar.shape())).muli(rate));
        }
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, gradientViews.get(BatchNormalizationParamInitializer.GAMMA));
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, gradientViews.get(BatchNormalizationParamInitializer.BETA));
        g.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_MEAN, gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        g.setGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR, gradientViews.get(BatchNormalizationParamInitializer.GLOBAL_VAR));
        INDArray epsOut = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx);
        saved.clear();
        return new Pair<>(g, epsOut);
    }

    /**
     * How far the running statistics move towards the batch's at optimizer step {@code iteration}
     * (0-based): {@code (1 - decay) / (1 - decay^(iteration + 1))}, the update of an exponential moving
     * average with zero-debiasing (TF's {@code ExponentialMovingAverage(zero_debias=True)}). The
     * stored value is then exactly the debiased EMA of the batch statistics: step 0 takes the first
     * batch's, and after a few hundred steps the rate is the plain {@code 1 - decay}. Without it the
     * initial variance of 1 dominates for about 1/(1 - decay) = 100s of steps and a short proxy run
     * evaluates at chance (measured: effnas-mini, 200 steps of Adam, minival top-1 0.10).
     */
    static double runningStatisticsRate(double decay, long iteration) {
        return (1 - decay) / (1 - Math.pow(decay, iteration + 1));
    }

    /** Starts measuring population statistics: inference passes normalise with batch statistics and record them. */
    void startPopulationStatistics() {
        population = new PopulationStatistics((int) getParam(BatchNormalizationParamInitializer.GAMMA).length());
    }

    /**
     * Stops measuring and, if any batch was seen, replaces the running mean and variance with the
     * measured population values. Returns the number of values per channel that were seen.
     */
    long finishPopulationStatistics() {
        PopulationStatistics p = population;
        population = null;
        if (p == null || p.count() == 0) {
            return 0;
        }
        INDArray globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray globalVar = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        globalMean.assign(Nd4j.createFromArray(p.mean()).castTo(globalMean.dataType()).reshape(globalMean.shape()));
        globalVar.assign(Nd4j.createFromArray(p.variance()).castTo(globalVar.dataType()).reshape(globalVar.shape()));
        return p.count();
    }

    @Override
    public void clear() {
        super.clear();
        saved.clear();
    }
}
