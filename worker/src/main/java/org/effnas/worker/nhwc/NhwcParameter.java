package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A trainable float32 array of the NHWC engine in its plain layout (the master copy every step's kernel
 * weights are reordered from), the memory its gradient is written to, and Adam's two moments. Mutable:
 * it is the training state.
 */
final class NhwcParameter {

    final memory value;
    final memory grad;
    final FloatBuffer values;
    final FloatBuffer grads;
    private final float[] first;
    private final float[] second;

    NhwcParameter(memory.desc plain, engine eng, int size) {
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

    /** One Adam step on this array with the bias-corrected step size {@code rate}. */
    void adam(double rate, float beta1, float beta2, double epsilon) {
        for (int i = 0; i < first.length; i++) {
            float g = grads.get(i);
            first[i] = beta1 * first[i] + (1 - beta1) * g;
            second[i] = beta2 * second[i] + (1 - beta2) * g * g;
            values.put(i, (float) (values.get(i) - rate * first[i] / (Math.sqrt(second[i]) + epsilon)));
        }
    }
}
