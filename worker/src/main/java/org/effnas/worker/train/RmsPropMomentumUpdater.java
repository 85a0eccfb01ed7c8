package org.effnas.worker.train;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The state and step of {@link RmsPropMomentum}: mean square and momentum, each one value per parameter. */
final class RmsPropMomentumUpdater implements GradientUpdater<RmsPropMomentum> {

    static final String MEAN_SQUARE = "ms";
    static final String MOMENTUM = "mom";

    private final RmsPropMomentum config;
    private INDArray meanSquare;
    private INDArray momentum;

    RmsPropMomentumUpdater(RmsPropMomentum config) {
        this.config = config;
    }

    @Override
    public RmsPropMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
        if (!state.containsKey(MEAN_SQUARE) || !state.containsKey(MOMENTUM) || state.size() != 2) {
            throw new IllegalStateException("RMSProp-momentum state needs exactly " + MEAN_SQUARE + " and "
                    + MOMENTUM + ", got " + state.keySet());
        }
        meanSquare = state.get(MEAN_SQUARE);
        momentum = state.get(MOMENTUM);
        if (initialize) {
            meanSquare.assign(1.0);
            momentum.assign(0.0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        Map<String, INDArray> m = new HashMap<>();
        m.put(MEAN_SQUARE, meanSquare);
        m.put(MOMENTUM, momentum);
        return m;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        long half = viewArray.length() / 2;
        INDArray flat = viewArray.reshape(viewArray.length());
        INDArray ms = flat.get(NDArrayIndex.interval(0, half));
        INDArray mom = flat.get(NDArrayIndex.interval(half, 2 * half));
        if (initialize) {
            ms.assign(1.0);
            mom.assign(0.0);
        }
        meanSquare = asShape(ms, gradientShape, gradientOrder);
        momentum = asShape(mom, gradientShape, gradientOrder);
    }

    /** The state viewed in the gradient's shape ([n] and [1, n] both occur). */
    private static INDArray sameShape(INDArray state, INDArray gradient) {
        return java.util.Arrays.equals(state.shape(), gradient.shape()) ? state
                : asShape(state.reshape(state.length()), gradient.shape(), gradient.ordering());
    }

    /** A view (never a copy: the state must stay inside DL4J's updater view array) in the gradient's shape. */
    private static INDArray asShape(INDArray flat, long[] shape, char order) {
        INDArray view = Shape.newShapeNoCopy(flat, shape, order == 'f');
        if (view == null) {
            throw new IllegalStateException("RMSProp-momentum state cannot be viewed as " + java.util.Arrays.toString(shape));
        }
        return view;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (meanSquare == null) {
            throw new IllegalStateException("RMSProp-momentum updater used before its state was set");
        }
        INDArray meanSquare = sameShape(this.meanSquare, gradient);
        INDArray momentum = sameShape(this.momentum, gradient);
        double lr = config.getLearningRate(iteration, epoch);
        double decay = config.getDecay();
        // ms = decay * ms + (1 - decay) * g^2
        meanSquare.muli(decay).addi(gradient.mul(gradient).muli(1 - decay));
        // mom = momentum * mom + lr * g / sqrt(ms + eps); the update is mom
        INDArray step = Transforms.sqrt(meanSquare.add(config.getEpsilon()), false);
        Nd4j.getExecutioner().exec(new DivOp(gradient, step, step));
        momentum.muli(config.getMomentum()).addi(step.muli(lr));
        gradient.assign(momentum);
    }
}
