package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.PointerScope;
import org.effnas.eval.Precision;
import org.effnas.spec.ArchSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * An MBConv network trained by oneDNN directly on NHWC activations (JavaCPP's org.bytedeco:dnnl preset),
 * outside DL4J: the layout-keeping engine docs/performance.md measures against DL4J and PyTorch. It is
 * built from a spec with the translation rules of effnas's DL4J graph ('same' padding as TensorFlow
 * computes it, conv + batch norm + activation, SE from the block's input filters, linear projection,
 * identity residual), so its trainable parameters equal the cost model's, and each array is named as that
 * graph names its layer ({@link GraphWeights} copies the trained state there). It trains on a fixed batch
 * size with Adam or RMSProp-momentum and L2 weight decay ({@link NhwcUpdate}), on soft targets (so label
 * smoothing is the caller's), at the step size the caller sets each step (so a schedule drives it).
 *
 * <p>Dropout (before the classifier) and drop-connect (on each residual branch, its rate growing with the
 * block's index) draw fresh masks every training step and are off in inference. It keeps no checkpoints.
 * {@link NhwcTraining} runs it as a recipe's {@code training.engine: onednn-nhwc}; {@code effnas bench train
 * --engine onednn-nhwc} times it. Its native memory is freed by {@link #close()}.
 */
public final class NhwcNetwork implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final double EPSILON = 1e-8;
    /** The Adam step size of {@code effnas bench train}, as its DL4J graph and PyTorch reference use. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private final ArchSpec spec;
    private final int batch;
    private final Precision precision;
    private final engine eng;
    private final stream s;
    private final NhwcLayers layers;
    private final FloatBuffer input;
    private final FloatBuffer logits;
    private final FloatBuffer logitGrads;
    private final NhwcStep readLogits;
    private final NhwcStep writeLogitGrads;
    private final int classes;
    private final NhwcUpdate update;
    /** Owns every native allocation of the network, so {@link #close()} frees them at once. */
    private final PointerScope natives;
    private double learningRate;
    private int steps;
    private NhwcProfile profile;

    private NhwcNetwork(ArchSpec spec, int batch, Precision precision, long seed, double learningRate,
                        NhwcUpdate update, PointerScope natives) {
        this.spec = spec;
        this.update = update;
        this.natives = natives;
        this.learningRate = learningRate;
        this.batch = batch;
        this.precision = precision;
        this.eng = new engine(engine.kind.cpu, 0);
        this.s = new stream(eng);
        this.layers = new NhwcLayers(eng, dataType(precision), seed);
        long[] inDims = {batch, spec.inChannels(), spec.resolution(), spec.resolution()};
        memory userIn = new memory(new memory.desc(inDims, memory.data_type.f32, memory.format_tag.nchw), eng);
        NhwcTensor in = new NhwcTensor(inDims, new memory(layers.nhwc(inDims), eng), null);
        NhwcStep toNhwc = layers.stepAs("input_reorder", new reorder(userIn, in.data()), dnnl.DNNL_ARG_FROM, userIn, dnnl.DNNL_ARG_TO,
                in.data());
        layers.training.add(toNhwc);
        layers.inference.add(toNhwc);
        NhwcTensor out = NhwcTranslation.build(spec, layers, in);
        classes = (int) out.channels();
        memory.desc plainLogits = new memory.desc(out.dims(), memory.data_type.f32, memory.format_tag.nhwc);
        memory z = new memory(plainLogits, eng);
        memory dz = new memory(plainLogits, eng);
        readLogits = layers.stepAs("loss", new reorder(out.data(), z), dnnl.DNNL_ARG_FROM, out.data(), dnnl.DNNL_ARG_TO, z);
        writeLogitGrads = layers.stepAs("loss", new reorder(dz, out.diff()), dnnl.DNNL_ARG_FROM, dz, dnnl.DNNL_ARG_TO,
                out.diff());
        List<NhwcStep> backwardOrder = new ArrayList<>();
        backwardOrder.add(writeLogitGrads);
        layers.backward.forEach(backwardOrder::addAll);
        layers.gradients.place(backwardOrder);
        input = NhwcLayers.floats(userIn, (int) (inDims[0] * inDims[1] * inDims[2] * inDims[3]));
        logits = NhwcLayers.floats(z, batch * classes);
        logitGrads = NhwcLayers.floats(dz, batch * classes);
        if (update.rule() == NhwcUpdate.Rule.RMSPROP_MOMENTUM) {
            layers.params.forEach(NhwcParameter::startRmsProp);
        }
    }

    /**
     * Builds the network of {@code spec} for batches of exactly {@code batch} images.
     *
     * @param seed sets the initial weights
     * @throws IllegalArgumentException when this CPU cannot run {@code precision} ({@link #supports})
     */
    public static NhwcNetwork of(ArchSpec spec, int batch, Precision precision, long seed) {
        return of(spec, batch, precision, seed, DEFAULT_LEARNING_RATE);
    }

    /** As {@link #of(ArchSpec, int, Precision, long)}, with Adam's step size. */
    public static NhwcNetwork of(ArchSpec spec, int batch, Precision precision, long seed, double learningRate) {
        return of(spec, batch, precision, seed, learningRate, NhwcUpdate.adam());
    }

    /** As {@link #of(ArchSpec, int, Precision, long)}, with the first step size and how weights are updated. */
    public static NhwcNetwork of(ArchSpec spec, int batch, Precision precision, long seed, double learningRate,
                                 NhwcUpdate update) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!supports(precision)) {
            throw new IllegalArgumentException("this CPU cannot run the NHWC engine in " + precision.text()
                    + " (oneDNN " + oneDnnVersion() + ", ISA " + dnnl.get_effective_cpu_isa() + ")");
        }
        // built inside a scope that then leaves the thread's stack, so it holds only the network's memory
        PointerScope natives = new PointerScope();
        try {
            NhwcNetwork net = new NhwcNetwork(spec, batch, precision, seed, learningRate, update, natives);
            natives.extend();
            natives.close();
            return net;
        } catch (RuntimeException | Error e) {
            natives.close();
            throw e;
        }
    }

    /** Frees the network's native memory; it must not be used afterwards. */
    @Override
    public void close() {
        natives.close();
    }

    /** Whether oneDNN on this CPU creates the engine's convolutions in {@code precision}. */
    public static boolean supports(Precision precision) {
        if (precision == Precision.F32) {
            return true;
        }
        try {
            long[] dims = {1, 16, 4, 4};
            memory.desc md = new memory.desc(dims, dataType(precision), memory.format_tag.nhwc);
            memory.desc w = new memory.desc(new long[] {16, 16, 1, 1}, dataType(precision), memory.format_tag.any);
            new convolution_forward.primitive_desc(new convolution_forward.desc(dnnl.prop_kind.forward_training,
                    dnnl.algorithm.convolution_direct, md, w, md, new long[] {1, 1}, new long[] {0, 0},
                    new long[] {0, 0}), new engine(engine.kind.cpu, 0));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The preset's oneDNN version, for provenance. */
    public static String oneDnnVersion() {
        var v = dnnl.version();
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /** What trained: engine, precision, oneDNN version and the ISA its kernels dispatch to. */
    public String describe() {
        return "engine=onednn-nhwc precision=" + precision.text() + " onednn=" + oneDnnVersion() + " isa="
                + dnnl.get_effective_cpu_isa() + " dropout=" + spec.dropout() + " drop-connect=" + spec.dropConnect();
    }

    /**
     * One training step on a full batch: forward, softmax cross-entropy, backward, weight decay, the optimizer,
     * running statistics.
     *
     * @param images  {@code batch x C x H x W} floats in NCHW order, as DL4J's iterators hand them over
     * @param targets {@code batch x classes} class probabilities per image (one-hot, or label-smoothed)
     * @return the batch's mean loss before the update
     */
    public double fit(float[] images, float[] targets) {
        checkBatch(images, targets.length / classes);
        if (targets.length != batch * classes) {
            throw new IllegalArgumentException("expected " + batch + " x " + classes + " targets, got " + targets.length);
        }
        for (int i = 0; i < targets.length; i++) {
            if (!(targets[i] >= 0 && targets[i] <= 1)) {
                throw new IllegalArgumentException("target " + i % classes + " of image " + i / classes + " is "
                        + targets[i] + ", not a probability");
            }
        }
        long tm = System.nanoTime();
        layers.drawMasks();
        if (profile != null) {
            profile.java("forward", "masks", System.nanoTime() - tm);
        }
        double loss = lossAndGradients(images, targets);
        long t0 = System.nanoTime();
        steps++;
        for (NhwcParameter p : layers.params) {
            p.decay(update.weightDecay());
        }
        if (update.rule() == NhwcUpdate.Rule.ADAM) {
            double rate = learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
            for (NhwcParameter p : layers.params) {
                p.adam(rate, BETA1, BETA2, EPSILON);
            }
        } else {
            for (NhwcParameter p : layers.params) {
                p.rmsProp(learningRate, NhwcUpdate.RMSPROP_DECAY, NhwcUpdate.RMSPROP_MOMENTUM,
                        NhwcUpdate.RMSPROP_EPSILON);
            }
        }
        layers.updateRunningStats();
        if (profile != null) {
            profile.java("update", "optimizer_and_running_stats", System.nanoTime() - t0);
            profile.endStep();
        }
        return loss;
    }

    /** {@link #fit(float[], float[])} with one-hot targets: one class index per image. */
    public double fit(float[] images, int[] labels) {
        return fit(images, oneHot(labels));
    }

    /** Starts timing every step's primitives and Java work from the next step on ({@link #profile()}). */
    public void startProfile() {
        profile = new NhwcProfile();
    }

    /** What the steps since {@link #startProfile()} spent their time on; null when not profiling. */
    public NhwcProfile profile() {
        return profile;
    }

    /** {@link #fit(float[], float[])} on a full batch from a DL4J iterator: NCHW features, labels as its targets. */
    public double fit(DataSet batch) {
        return fit(images(batch), batch.getLabels().castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    /**
     * {@link #predict(float[])} on a batch from a DL4J iterator, which may be short (an epoch's last):
     * zero images fill it, harmless in inference, where batch norm uses its running statistics.
     *
     * @return one class per image of {@code batch}
     */
    public int[] predict(DataSet batch) {
        int n = batch.numExamples();
        if (n > this.batch) {
            throw new IllegalArgumentException("the NHWC engine was built for batches of " + this.batch
                    + " images, got " + n);
        }
        float[] padded = new float[input.capacity()];
        float[] images = images(batch);
        System.arraycopy(images, 0, padded, 0, images.length);
        return java.util.Arrays.copyOf(predict(padded), n);
    }

    private static float[] images(DataSet batch) {
        return batch.getFeatures().castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Forward and backward on a full batch, leaving every parameter's gradient in place; returns the loss. */
    double lossAndGradients(float[] images, float[] targets) {
        long t0 = System.nanoTime();
        input.put(0, images);
        if (profile != null) {
            profile.java("forward", "input", System.nanoTime() - t0);
        }
        for (NhwcStep st : layers.training) {
            run(st, "forward");
        }
        run(readLogits, "forward");
        long t1 = System.nanoTime();
        double loss = SoftmaxCrossEntropy.lossAndGradients(logits, targets, logitGrads, batch, classes);
        if (profile != null) {
            profile.java("forward", "loss", System.nanoTime() - t1);
        }
        run(writeLogitGrads, "backward");
        for (List<NhwcStep> group : layers.backward) {
            for (NhwcStep st : group) {
                run(st, "backward");
            }
        }
        return loss;
    }

    /** {@link #lossAndGradients(float[], float[])} with one-hot targets. */
    double lossAndGradients(float[] images, int[] labels) {
        return lossAndGradients(images, oneHot(labels));
    }

    private float[] oneHot(int[] labels) {
        if (labels.length != batch) {
            throw new IllegalArgumentException("the NHWC engine was built for batches of " + batch + " images, got "
                    + labels.length + " labels");
        }
        float[] targets = new float[batch * classes];
        for (int n = 0; n < batch; n++) {
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IllegalArgumentException("label " + labels[n] + " of image " + n + " is not in [0, "
                        + classes + ")");
            }
            targets[n * classes + labels[n]] = 1;
        }
        return targets;
    }

    private void run(NhwcStep st, String phase) {
        if (profile == null) {
            st.run(s);
            return;
        }
        long t0 = System.nanoTime();
        st.run(s);
        profile.primitive(phase, st.kind(), System.nanoTime() - t0);
    }

    /** Draws new dropout and drop-connect masks, as each training step does (for the gradient check). */
    void drawMasks() {
        layers.drawMasks();
    }

    /** The trainable arrays in build order. */
    List<NhwcParameter> parameters() {
        return layers.params;
    }

    /** Every batch norm's running statistics, in build order. */
    List<NhwcLayers.RunningStats> runningStatistics() {
        return layers.stats;
    }

    /** The spec this network was built from. */
    public ArchSpec spec() {
        return spec;
    }

    /** Bytes of the shared gradient buffers. */
    public long gradientBytes() {
        return layers.gradients.bytes();
    }

    /**
     * The logits of a full batch, {@code batch x classes}, with batch norm on its running statistics and no
     * dropout or drop-connect.
     */
    public float[] logits(float[] images) {
        checkBatch(images, batch);
        input.put(0, images);
        for (NhwcStep st : layers.inference) {
            st.run(s);
        }
        readLogits.run(s);
        float[] out = new float[batch * classes];
        logits.get(0, out);
        return out;
    }

    /** The predicted class of each image of a full batch ({@link #logits}'s largest). */
    public int[] predict(float[] images) {
        float[] z = logits(images);
        int[] out = new int[batch];
        for (int n = 0; n < batch; n++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (z[n * classes + k] > z[n * classes + best]) {
                    best = k;
                }
            }
            out[n] = best;
        }
        return out;
    }

    public int batch() {
        return batch;
    }

    /** Sets the optimizer's step size from the next step on, as a learning-rate schedule does. */
    public void setLearningRate(double rate) {
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + rate);
        }
        learningRate = rate;
    }

    public Precision precision() {
        return precision;
    }

    /** Trainable parameters: weights, biases, batch norm's scales and shifts (the cost model's count). */
    public long params() {
        return layers.params.stream().mapToLong(NhwcParameter::size).sum();
    }

    /** Primitives one training step executes. */
    public int primitivesPerStep() {
        return layers.training.size() + layers.backward.stream().mapToInt(List::size).sum() + 2;
    }

    private void checkBatch(float[] images, int count) {
        if (count != batch || images.length != input.capacity()) {
            throw new IllegalArgumentException("the NHWC engine was built for batches of " + batch + " images of "
                    + input.capacity() / batch + " floats, got " + count + " images' targets and " + images.length
                    + " floats");
        }
    }

    private static memory.data_type dataType(Precision p) {
        return p == Precision.BF16 ? memory.data_type.bf16 : memory.data_type.f32;
    }
}
