package org.effnas.worker.batchnorm;

import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm and activation of {@link BatchNormActivationLayer} composed from ND4J ops, for any
 * activation and any array layout: batch mean, centred sum of squares, ND4J's {@code batchnorm} op
 * and the activation forward; the activation derivative and the batch-norm gradient backward. The
 * layer takes this path where the Java kernels ({@link BatchNormForward}, {@link BatchNormBackward})
 * do not apply.
 */
final class ComposedBatchNorm {

    private static final int[] CHANNEL = {1};
    private static final int[] ALL_BUT_CHANNEL = {0, 2, 3};

    private ComposedBatchNorm() {
    }

    /**
     * Forward pass of {@code layer} on the c-order NCHW {@code x}. With {@code training} it
     * normalises with batch statistics and fills {@code saved}; with a {@code population} (measuring
     * population statistics) it normalises with batch statistics and records them there; otherwise
     * it uses the running statistics.
     *
     * @param kind the activation as the Java kernels know it; null for any other activation
     */
    static INDArray forward(BatchNormActivationLayer layer, BatchNormBackward.Activation kind, INDArray x,
                            boolean training, PopulationStatistics population, SavedForBackprop saved,
                            LayerWorkspaceMgr workspaceMgr) {
        boolean swish = kind == BatchNormBackward.Activation.SWISH;
        boolean identity = kind == BatchNormBackward.Activation.IDENTITY;
        boolean relu = kind == BatchNormBackward.Activation.RELU;
        IActivation act = layer.bnConf().getActivationFn();
        double eps = layer.bnConf().getEps();
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
        INDArray mean;
        INDArray var;
        boolean batchStatistics = training || population != null;
        // z (BN output before the activation) is only kept for backprop by the generic path; swish
        // and ReLU differentiate from what they store, so their z is scratch (saves a map per layer)
        boolean keepZ = training && !swish && !relu;
        ArrayType zType = identity || keepZ ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM;
        if (batchStatistics) {
            long m = x.length() / x.size(1);
            mean = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.size(1));
            var = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.size(1));
            try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.FF_WORKING_MEM)) {
                mean.assign(x.mean(ALL_BUT_CHANNEL));
                INDArray centred = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
                Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, centred, CHANNEL));
                INDArray norm = centred.norm2(ALL_BUT_CHANNEL);
                var.assign(norm.muli(norm).divi(m));
            }
            if (training) {
                saved.batchMean = mean;
                saved.batchVar = var;
                saved.invStd = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.size(1));
                saved.invStd.assign(org.nd4j.linalg.ops.transforms.Transforms.pow(var.add(eps), -0.5, false));
            } else {
                population.add(mean.toDoubleVector(), var.toDoubleVector(), m);
            }
        } else {
            mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            var = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        INDArray z = workspaceMgr.createUninitialized(zType, x.dataType(), x.shape(), 'c');
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(x, mean, var, gamma, beta)
                .addOutputs(z)
                .addIntegerArguments(1, 1, 1)
                .addFloatingPointArguments(eps)
                .build());
        INDArray out;
        if (identity) {
            out = z;
        } else if (swish) {
            INDArray s = workspaceMgr.createUninitialized(training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM,
                    x.dataType(), x.shape(), 'c');
            Nd4j.getExecutioner().exec(new Sigmoid(z, s));
            out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
            Nd4j.getExecutioner().exec(new MulOp(z, s, out));
            saved.sigmoid = training ? s : null;
        } else {
            out = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            act.getActivation(out, training);
        }
        saved.preActivation = keepZ ? z : null;
        saved.output = training ? out : null;
        return out;
    }

    /**
     * Backward pass from what the training forward pass saved: writes dL/dx into {@code dx} and
     * returns the gradients of gamma and beta. Runs in the current (working-memory) workspace.
     */
    static GammaBetaGradients backward(BatchNormActivationLayer layer, BatchNormBackward.Activation kind,
                                       INDArray x, INDArray epsilon, SavedForBackprop saved, INDArray dx) {
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        OpExecutioner exec = Nd4j.getExecutioner();
        long m = x.length() / x.size(1);
        INDArray batchMean = saved.batchMean;
        INDArray invStd = saved.invStd;
        INDArray dz = activationGradient(layer, kind, epsilon, saved);
        INDArray xHat = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        exec.exec(new BroadcastSubOp(x, batchMean, xHat, CHANNEL));
        exec.exec(new BroadcastMulOp(xHat, invStd, xHat, CHANNEL));
        INDArray dBeta = dz.sum(ALL_BUT_CHANNEL);
        INDArray product = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        exec.exec(new MulOp(dz, xHat, product));
        INDArray dGamma = product.sum(ALL_BUT_CHANNEL);
        // dx = a*dz - a*dBeta/m - xHat * a*dGamma/m with a = gamma * invStd
        INDArray a = gamma.reshape(invStd.shape()).mul(invStd);
        INDArray shift = a.mul(dBeta).divi(m);
        INDArray slope = a.mul(dGamma).divi(m);
        exec.exec(new BroadcastMulOp(dz, a, dx, CHANNEL));
        exec.exec(new BroadcastSubOp(dx, shift, dx, CHANNEL));
        exec.exec(new BroadcastMulOp(xHat, slope, xHat, CHANNEL));
        dx.subi(xHat);
        return new GammaBetaGradients(dGamma, dBeta);
    }

    /** dL/dz from dL/dy, in the current (working-memory) workspace. */
    private static INDArray activationGradient(BatchNormActivationLayer layer, BatchNormBackward.Activation kind,
                                               INDArray epsilon, SavedForBackprop saved) {
        if (kind == BatchNormBackward.Activation.IDENTITY) {
            return epsilon;
        }
        if (kind == BatchNormBackward.Activation.SWISH) {
            // swish'(z) = s + y - y*s with s = sigmoid(z), y = z*s
            INDArray t = Nd4j.createUninitialized(epsilon.dataType(), epsilon.shape(), 'c');
            Nd4j.getExecutioner().exec(new MulOp(saved.output, saved.sigmoid, t));
            t.rsubi(saved.output).addi(saved.sigmoid).muli(epsilon);
            return t;
        }
        if (kind == BatchNormBackward.Activation.RELU) {
            // z itself is not kept for ReLU: relu'(z) = 1 exactly where the output is positive
            return epsilon.mul(org.nd4j.linalg.ops.transforms.Transforms.step(saved.output, true));
        }
        INDArray z = saved.preActivation.dup();
        return layer.bnConf().getActivationFn().backprop(z, epsilon).getFirst();
    }
}
