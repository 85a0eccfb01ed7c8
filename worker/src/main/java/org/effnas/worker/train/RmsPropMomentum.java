package org.effnas.worker.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * RMSProp with momentum as TensorFlow 1's {@code tf.train.RMSPropOptimizer} computes it, which the
 * EfficientNet and MnasNet papers used (decay 0.9, momentum 0.9, epsilon 1e-3). DL4J's own
 * {@code RmsProp} has no momentum. Per parameter, with gradient g and learning rate lr:
 * <pre>
 *   ms  = decay * ms + (1 - decay) * g^2          (ms starts at 1, as in TF 1)
 *   mom = momentum * mom + lr * g / sqrt(ms + eps)
 *   w  -= mom
 * </pre>
 * The update DL4J subtracts from the parameters is {@code mom}.
 */
public class RmsPropMomentum implements IUpdater {

    public static final double DEFAULT_DECAY = 0.9;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_EPSILON = 1e-3;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double decay = DEFAULT_DECAY;
    private double momentum = DEFAULT_MOMENTUM;
    private double epsilon = DEFAULT_EPSILON;

    /** For DL4J's JSON (de)serialisation. */
    public RmsPropMomentum() {
        this(1e-3);
    }

    public RmsPropMomentum(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The paper's settings with a learning-rate schedule. */
    public RmsPropMomentum(ISchedule schedule) {
        this.learningRateSchedule = schedule;
        this.learningRate = Double.NaN;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        RmsPropMomentumUpdater u = new RmsPropMomentumUpdater(this);
        // the view holds both states back to back: each has half of its last dimension
        long[] gradientShape = viewArray.shape().clone();
        gradientShape[gradientShape.length - 1] /= 2;
        u.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        RmsPropMomentumUpdater u = new RmsPropMomentumUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public RmsPropMomentum clone() {
        RmsPropMomentum c = new RmsPropMomentum(learningRate);
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        c.decay = decay;
        c.momentum = momentum;
        c.epsilon = epsilon;
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    public double getDecay() {
        return decay;
    }

    public void setDecay(double decay) {
        this.decay = decay;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmsPropMomentum r && Double.compare(r.learningRate, learningRate) == 0
                && Objects.equals(r.learningRateSchedule, learningRateSchedule)
                && r.decay == decay && r.momentum == momentum && r.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, decay, momentum, epsilon);
    }

    @Override
    public String toString() {
        return "RmsPropMomentum(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate)
                + ", decay=" + decay + ", momentum=" + momentum + ", eps=" + epsilon + ")";
    }
}
