package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A trainable float32 array of the NHWC engine in its plain layout (the master copy every step's kernel
 * weights are reordered from), the memory its gradient is written to, and the optimizer's two state arrays.
 * It is named as effnas's DL4J graph names its layer, so trained values can be copied there
 * ({@link GraphWeights}). Mutable: it is the training state.
 */
final class NhwcParameter {

    /** What the array holds, which says its layout and whether weight decay applies. */
    enum Role {
        /** A convolution's weights, {@code [out, in, k, k]}. */
        CONV_WEIGHT,
        /** A depthwise convolution's weights, {@code [channels, 1, 1, k, k]}. */
        DEPTHWISE_WEIGHT,
        /** A dense layer (SE or classifier) as a 1x1 convolution on pooled values, {@code [out, in, 1, 1]}. */
        DENSE_WEIGHT,
        /** A dense layer's bias. */
        BIAS,
        /** Batch norm's scales then shifts, {@code [2, channels]}. */
        SCALE_SHIFT;

        /** Weight decay applies to weights only, not to biases or batch norm, as in the official EfficientNet code. */
        boolean decays() {
            return this == CONV_WEIGHT || this == DEPTHWISE_WEIGHT || this == DENSE_WEIGHT;
        }
    }

    /** The DL4J layer this array belongs to, e.g. {@code b3_dw} or {@code b3_dw_bn}. */
    final String layer;
    final Role role;
    final memory value;
    final memory grad;
    final FloatBuffer values;
    final FloatBuffer grads;
    /** Adam's first moment, or RMSProp's momentum. */
    private final float[] first;
    /** Adam's second moment, or RMSProp's mean square. */
    private final float[] second;

    NhwcParameter(String layer, Role role, memory.desc plain, engine eng, int size) {
        this.layer = layer;
        this.role = role;
        value = new memory(plain, eng);
        grad = new memory(plain, eng);
        values = new FloatPointer(value.get_data_handle()).capacity(size).asBuffer();
        grads = new FloatPointer(grad.get_data_handle()).capacity(size).asBuffer();
        first = new float[size];
        second = new float[size];
        for (int i = 0; i < size; i++) {
            values.put(i, 0f); // oneDNN does not clear what it allocates: biases and shifts start at zero
        }
    }

    int size() {
        return first.length;
    }

    /** Adds {@code rate * w} to the gradient of a weight (L2 decay before the optimizer, as DL4J's l2 does). */
    void decay(double rate) {
        if (rate == 0 || !role.decays()) {
            return;
        }
        for (int i = 0; i < first.length; i++) {
            grads.put(i, (float) (grads.get(i) + rate * values.get(i)));
        }
    }

    /** One Adam step on this array with the bias-corrected step size {@code rate}. */
    void adam(double rate, float beta1, float beta2, double epsilon) {
        for (int i = 0; i < first.length; i++) {
            float g = grads.get(i);
            first[i] = beta1 * first[i] + (1 - beta1) * g;
            second[i] = beta2 * second[i] + (1 - beta2) * g * g;
            values.put(i, (float) (values.get(i) - rate * first[i] / (Math.sqrt(second[i]) + epsilon)));
        }
    }

    /** Starts RMSProp's mean square at 1, as TensorFlow's RMSProp and effnas's DL4J updater do. */
    void startRmsProp() {
        java.util.Arrays.fill(second, 1f);
    }

    /**
     * One step of RMSProp with momentum, TensorFlow's form that effnas's DL4J updater also runs:
     * {@code ms = decay ms + (1 - decay) g^2; mom = momentum mom + rate g / sqrt(ms + eps); w -= mom}.
     */
    void rmsProp(double rate, double decay, double momentum, double epsilon) {
        for (int i = 0; i < first.length; i++) {
            float g = grads.get(i);
            second[i] = (float) (decay * second[i] + (1 - decay) * g * g);
            first[i] = (float) (momentum * first[i] + rate * g / Math.sqrt(second[i] + epsilon));
            values.put(i, values.get(i) - first[i]);
        }
    }
}
