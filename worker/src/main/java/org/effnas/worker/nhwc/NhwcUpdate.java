package org.effnas.worker.nhwc;

import org.effnas.worker.train.RmsPropMomentum;

/**
 * How the NHWC engine updates its weights after each step: the optimizer rule and L2 weight decay on
 * convolution and dense weights (added to their gradients first, as DL4J's {@code l2} does). The step size
 * is set per step ({@link NhwcNetwork#setLearningRate}), so a schedule drives it.
 */
public record NhwcUpdate(Rule rule, double weightDecay) {

    /** The optimizer rules the engine runs. */
    public enum Rule {
        /** Adam, betas 0.9 / 0.999 and epsilon 1e-8 (PyTorch's and DL4J's defaults). */
        ADAM,
        /** RMSProp with momentum as in the EfficientNet paper: decay 0.9, momentum 0.9, epsilon 1e-3. */
        RMSPROP_MOMENTUM
    }

    static final double RMSPROP_DECAY = RmsPropMomentum.DEFAULT_DECAY;
    static final double RMSPROP_MOMENTUM = RmsPropMomentum.DEFAULT_MOMENTUM;
    static final double RMSPROP_EPSILON = RmsPropMomentum.DEFAULT_EPSILON;

    public NhwcUpdate {
        if (rule == null) {
            throw new IllegalArgumentException("an optimizer rule is required");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** Adam without weight decay: what {@code effnas bench train} runs. */
    public static NhwcUpdate adam() {
        return new NhwcUpdate(Rule.ADAM, 0);
    }

    /** The rule a recipe's {@code training.optimizer} names ({@code adam} or {@code rmsprop}). */
    public static NhwcUpdate of(String optimizer, double weightDecay) {
        return new NhwcUpdate(switch (optimizer) {
            case "adam" -> Rule.ADAM;
            case "rmsprop" -> Rule.RMSPROP_MOMENTUM;
            default -> throw new IllegalArgumentException("the NHWC engine has no optimizer " + optimizer);
        }, weightDecay);
    }
}
