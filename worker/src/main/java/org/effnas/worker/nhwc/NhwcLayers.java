package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The NHWC engine's layers as oneDNN primitives. Each layer appends its forward steps (to the training
 * and the inference lists) and pushes its backward steps as one group, so the groups run the last layer's
 * first. Activations stay NHWC in the engine's precision from layer to layer, so no activation is ever
 * reordered; a convolution's float32 master weights are reordered into the kernel's format every step and
 * its weight gradient back, which is the one conversion a trainer keeping float32 masters pays.
 */
final class NhwcLayers {

    /** A batch norm layer's running statistics, updated from each training step's batch statistics. */
    record RunningStats(String layer, FloatBuffer batchMean, FloatBuffer batchVariance, FloatBuffer mean,
                        FloatBuffer variance) {
    }

    /** A dropout or drop-connect mask: its float32 values, drawn each training step, and its drop rate. */
    private record RandomMask(FloatBuffer values, float rate) {
    }

    /** TensorFlow's decay 0.99 and epsilon 1e-3, as effnas's DL4J graph and its PyTorch reference use. */
    private static final float BN_MOMENTUM = 0.01f;
    private static final float BN_EPSILON = 1e-3f;

    final engine eng;
    final memory.data_type type;
    final List<NhwcStep> training = new ArrayList<>();
    final List<NhwcStep> inference = new ArrayList<>();
    final Deque<List<NhwcStep>> backward = new ArrayDeque<>();
    final List<NhwcParameter> params = new ArrayList<>();
    final GradientBuffers gradients;
    final List<RunningStats> stats = new ArrayList<>();
    private final List<RandomMask> masks = new ArrayList<>();
    /** The layer kind the steps being built belong to, for the profile's shares. */
    private String kind = "input";
    private final Random random;

    NhwcLayers(engine eng, memory.data_type type, long seed) {
        this.eng = eng;
        this.type = type;
        this.random = new Random(seed);
        this.gradients = new GradientBuffers(eng);
    }

    /**
     * A 'same'-padded convolution, plain or depthwise, as TensorFlow pads (the extra pixel bottom/right); with
     * a bias it is a dense layer on pooled values. {@code name} is the DL4J graph's name of the layer.
     */
    NhwcTensor conv(String name, NhwcTensor x, int cout, int k, int stride, boolean depthwise, boolean bias) {
        kind = depthwise ? "depthwise" : x.dims()[2] == 1 ? "se_or_classifier" : "conv";
        long n = x.dims()[0];
        long cin = x.channels();
        long h = x.dims()[2];
        long oh = (h + stride - 1) / stride;
        long padTotal = Math.max((oh - 1) * stride + k - h, 0);
        long[] padL = {padTotal / 2, padTotal / 2};
        long[] padR = {padTotal - padTotal / 2, padTotal - padTotal / 2};
        long[] strides = {stride, stride};
        long[] wd = depthwise ? new long[] {cin, 1, 1, k, k} : new long[] {cout, cin, k, k};
        NhwcTensor y = activation(new long[] {n, depthwise ? cin : cout, oh, oh});
        memory.desc src = nhwc(x.dims());
        memory.desc dst = nhwc(y.dims());
        memory.desc anyW = new memory.desc(wd, type, memory.format_tag.any);
        memory.desc anyDiffW = new memory.desc(wd, memory.data_type.f32, memory.format_tag.any);
        memory.desc biasMd = new memory.desc(new long[] {y.channels()}, memory.data_type.f32, memory.format_tag.x);
        dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
        convolution_forward.primitive_desc fwd = new convolution_forward.primitive_desc(bias
                ? new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, src, anyW, biasMd, dst, strides,
                        padL, padR)
                : new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, src, anyW, dst, strides, padL,
                        padR), eng);
        convolution_backward_weights.primitive_desc bwdW = new convolution_backward_weights.primitive_desc(bias
                ? new convolution_backward_weights.desc(direct, src, anyDiffW, biasMd, dst, strides, padL, padR)
                : new convolution_backward_weights.desc(direct, src, anyDiffW, dst, strides, padL, padR), eng, fwd);
        int size = (int) (wd[0] * wd[1] * wd[2] * wd[3] * (depthwise ? wd[4] : 1));
        NhwcParameter.Role role = depthwise ? NhwcParameter.Role.DEPTHWISE_WEIGHT
                : bias ? NhwcParameter.Role.DENSE_WEIGHT : NhwcParameter.Role.CONV_WEIGHT;
        NhwcParameter w = param(name, role, new memory.desc(wd, memory.data_type.f32,
                depthwise ? memory.format_tag.goihw : memory.format_tag.oihw), size);
        double std = Math.sqrt(2.0 / ((depthwise ? 1 : cin) * k * k)); // He-normal over the fan-in
        for (int i = 0; i < size; i++) {
            w.values.put(i, (float) (random.nextGaussian() * std));
        }
        NhwcParameter b = bias ? param(name, NhwcParameter.Role.BIAS, biasMd, (int) y.channels()) : null;
        memory kernelW = new memory(fwd.weights_desc(), eng);
        memory diffW = new memory(bwdW.diff_weights_desc(), eng);
        both(stepAs("weight_reorder", new reorder(w.value, kernelW), dnnl.DNNL_ARG_FROM, w.value, dnnl.DNNL_ARG_TO,
                kernelW));
        both(bias ? step(new convolution_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_WEIGHTS, kernelW,
                        dnnl.DNNL_ARG_BIAS, b.value, dnnl.DNNL_ARG_DST, y.data())
                : step(new convolution_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_WEIGHTS, kernelW,
                        dnnl.DNNL_ARG_DST, y.data()));
        List<NhwcStep> group = new ArrayList<>();
        group.add(bias ? step(new convolution_backward_weights(bwdW), dnnl.DNNL_ARG_SRC, x.data(),
                        dnnl.DNNL_ARG_DIFF_DST, y.diff(), dnnl.DNNL_ARG_DIFF_WEIGHTS, diffW, dnnl.DNNL_ARG_DIFF_BIAS,
                        b.grad)
                : step(new convolution_backward_weights(bwdW), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DIFF_DST,
                        y.diff(), dnnl.DNNL_ARG_DIFF_WEIGHTS, diffW));
        group.add(stepAs("weight_reorder", new reorder(diffW, w.grad), dnnl.DNNL_ARG_FROM, diffW, dnnl.DNNL_ARG_TO,
                w.grad));
        if (x.diff() != null) {
            convolution_backward_data.primitive_desc bwdD = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(direct, src, anyW, dst, strides, padL, padR), eng, fwd);
            memory dataW = new memory(bwdD.weights_desc(), eng);
            group.add(stepAs("weight_reorder", new reorder(w.value, dataW), dnnl.DNNL_ARG_FROM, w.value,
                    dnnl.DNNL_ARG_TO, dataW));
            group.add(step(new convolution_backward_data(bwdD), dnnl.DNNL_ARG_DIFF_DST, y.diff(),
                    dnnl.DNNL_ARG_WEIGHTS, dataW, dnnl.DNNL_ARG_DIFF_SRC, x.diff()));
        }
        backward.push(group);
        return y;
    }

    /** Batch norm: the batch's statistics in training, the running ones in inference; learned scale and shift. */
    NhwcTensor bn(String name, NhwcTensor x) {
        kind = "batch_norm";
        memory.desc d = nhwc(x.dims());
        batch_normalization_forward.primitive_desc fwd = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(dnnl.prop_kind.forward_training, d, BN_EPSILON,
                        dnnl.normalization_flags.use_scale_shift), eng);
        batch_normalization_forward.primitive_desc infer = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(dnnl.prop_kind.forward_inference.value, d, BN_EPSILON,
                        dnnl.normalization_flags.use_scale_shift.value
                                | dnnl.normalization_flags.use_global_stats.value), eng);
        batch_normalization_backward.primitive_desc bwd = new batch_normalization_backward.primitive_desc(
                new batch_normalization_backward.desc(dnnl.prop_kind.backward, d, d, BN_EPSILON,
                        dnnl.normalization_flags.use_scale_shift), eng, fwd);
        int c = (int) x.channels();
        NhwcParameter ss = param(name, NhwcParameter.Role.SCALE_SHIFT, new memory.desc(new long[] {2, c},
                memory.data_type.f32, memory.format_tag.nc), 2 * c);
        for (int i = 0; i < c; i++) {
            ss.values.put(i, 1f);
        }
        memory mean = new memory(fwd.mean_desc(), eng);
        memory variance = new memory(fwd.variance_desc(), eng);
        memory runningMean = new memory(fwd.mean_desc(), eng);
        memory runningVariance = new memory(fwd.variance_desc(), eng);
        RunningStats rs = new RunningStats(name, floats(mean, c), floats(variance, c), floats(runningMean, c),
                floats(runningVariance, c));
        for (int i = 0; i < c; i++) {
            rs.mean().put(i, 0f);
            rs.variance().put(i, 1f);
        }
        stats.add(rs);
        NhwcTensor y = activation(x.dims());
        training.add(step(new batch_normalization_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_SCALE_SHIFT,
                ss.value, dnnl.DNNL_ARG_MEAN, mean, dnnl.DNNL_ARG_VARIANCE, variance, dnnl.DNNL_ARG_DST, y.data()));
        inference.add(step(new batch_normalization_forward(infer), dnnl.DNNL_ARG_SRC, x.data(),
                dnnl.DNNL_ARG_SCALE_SHIFT, ss.value, dnnl.DNNL_ARG_MEAN, runningMean, dnnl.DNNL_ARG_VARIANCE,
                runningVariance, dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new batch_normalization_backward(bwd), dnnl.DNNL_ARG_SRC, x.data(),
                dnnl.DNNL_ARG_MEAN, mean, dnnl.DNNL_ARG_VARIANCE, variance, dnnl.DNNL_ARG_DIFF_DST, y.diff(),
                dnnl.DNNL_ARG_SCALE_SHIFT, ss.value, dnnl.DNNL_ARG_DIFF_SRC, x.diff(),
                dnnl.DNNL_ARG_DIFF_SCALE_SHIFT, ss.grad)));
        return y;
    }

    /** Folds the last training step's batch statistics into every batch norm's running ones. */
    void updateRunningStats() {
        for (RunningStats rs : stats) {
            for (int i = 0; i < rs.mean().capacity(); i++) {
                rs.mean().put(i, (1 - BN_MOMENTUM) * rs.mean().get(i) + BN_MOMENTUM * rs.batchMean().get(i));
                rs.variance().put(i,
                        (1 - BN_MOMENTUM) * rs.variance().get(i) + BN_MOMENTUM * rs.batchVariance().get(i));
            }
        }
    }

    NhwcTensor eltwise(NhwcTensor x, dnnl.algorithm algorithm) {
        kind = "activation";
        memory.desc d = nhwc(x.dims());
        // alpha is swish's beta (1) but relu's negative slope (0: a slope of 1 would make relu the identity)
        float alpha = algorithm == dnnl.algorithm.eltwise_relu ? 0f : 1f;
        eltwise_forward.primitive_desc fwd = new eltwise_forward.primitive_desc(
                new eltwise_forward.desc(dnnl.prop_kind.forward_training, algorithm, d, alpha, 0f), eng);
        eltwise_backward.primitive_desc bwd = new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(algorithm, d, d, alpha, 0f), eng, fwd);
        NhwcTensor y = activation(x.dims());
        both(step(new eltwise_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new eltwise_backward(bwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DIFF_DST,
                y.diff(), dnnl.DNNL_ARG_DIFF_SRC, x.diff())));
        return y;
    }

    /** Global average pooling to [N, C, 1, 1]. */
    NhwcTensor pool(NhwcTensor x) {
        kind = "pool";
        long[] kernel = {x.dims()[2], x.dims()[3]};
        long[] zero = {0, 0};
        NhwcTensor y = activation(new long[] {x.dims()[0], x.channels(), 1, 1});
        dnnl.algorithm avg = dnnl.algorithm.pooling_avg_exclude_padding;
        pooling_forward.primitive_desc fwd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                dnnl.prop_kind.forward_training, avg, nhwc(x.dims()), nhwc(y.dims()), kernel, kernel, zero, zero), eng);
        pooling_backward.primitive_desc bwd = new pooling_backward.primitive_desc(new pooling_backward.desc(avg,
                nhwc(x.dims()), nhwc(y.dims()), kernel, kernel, zero, zero), eng, fwd);
        both(step(new pooling_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new pooling_backward(bwd), dnnl.DNNL_ARG_DIFF_DST, y.diff(), dnnl.DNNL_ARG_DIFF_SRC,
                x.diff())));
        return y;
    }

    /**
     * The SE gate: x [N, C, H, W] times g [N, C, 1, 1]. g's gradient is the spatial sum of dy * x, taken as
     * average pooling times H * W: oneDNN 2.5's reduction primitive runs a reference kernel.
     */
    NhwcTensor scale(NhwcTensor x, NhwcTensor g) {
        kind = "se_scale";
        memory.desc xd = nhwc(x.dims());
        memory.desc gd = nhwc(g.dims());
        long[] kernel = {x.dims()[2], x.dims()[3]};
        long[] zero = {0, 0};
        binary.primitive_desc mul = new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_mul, xd, xd, xd),
                eng);
        pooling_forward.primitive_desc mean = new pooling_forward.primitive_desc(new pooling_forward.desc(
                dnnl.prop_kind.forward_inference, dnnl.algorithm.pooling_avg_exclude_padding, xd, gd, kernel, kernel,
                zero, zero), eng);
        eltwise_forward.primitive_desc times = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                dnnl.prop_kind.forward_inference, dnnl.algorithm.eltwise_linear, gd, kernel[0] * kernel[1], 0f), eng);
        NhwcTensor y = activation(x.dims());
        // backward-only: shared like the gradients, else an activation-sized buffer per SE block stays allocated
        memory product = gradients.scratch(xd);
        memory average = gradients.scratch(gd);
        both(broadcastMul(x.data(), g.data(), y.data(), x.dims()));
        backward.push(List.of(broadcastMul(y.diff(), g.data(), x.diff(), x.dims()),
                step(new binary(mul), dnnl.DNNL_ARG_SRC_0, y.diff(), dnnl.DNNL_ARG_SRC_1, x.data(), dnnl.DNNL_ARG_DST,
                        product),
                step(new pooling_forward(mean), dnnl.DNNL_ARG_SRC, product, dnnl.DNNL_ARG_DST, average),
                step(new eltwise_forward(times), dnnl.DNNL_ARG_SRC, average, dnnl.DNNL_ARG_DST, g.diff())));
        return y;
    }

    /**
     * a [N, C, H, W] times b [N, C, 1, 1] into out, described to oneDNN as the same bytes in 3-D, [N, H*W, C]
     * times [N, 1, C]: oneDNN 2.5 runs the 4-D NHWC form of some shapes (C = 16 and 24 at 28 px) on its
     * reference kernel, and the 3-D form of every shape on its jit kernel.
     */
    private NhwcStep broadcastMul(memory a, memory b, memory out, long[] dims) {
        memory.desc flat = new memory.desc(new long[] {dims[0], dims[2] * dims[3], dims[1]}, type,
                memory.format_tag.abc);
        memory.desc gate = new memory.desc(new long[] {dims[0], 1, dims[1]}, type, memory.format_tag.abc);
        binary mul = new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_mul, flat, gate, flat),
                eng));
        return step(mul, dnnl.DNNL_ARG_SRC_0, view(a, flat), dnnl.DNNL_ARG_SRC_1, view(b, gate), dnnl.DNNL_ARG_DST,
                view(out, flat));
    }

    /** Dropout at {@code rate} on each value of x in training (kept values scaled by 1 / (1 - rate)); none in inference. */
    NhwcTensor dropout(NhwcTensor x, double rate) {
        kind = "dropout";
        return mask(x, x.channels() * x.dims()[2] * x.dims()[3], rate);
    }

    /** Drop-connect: each image's whole x dropped at {@code rate} in training (else scaled by 1 / (1 - rate)). */
    NhwcTensor dropConnect(NhwcTensor x, double rate) {
        kind = "drop_connect";
        return mask(x, 1, rate);
    }

    /**
     * x times a random mask of {@code perImage} values per image, drawn again each training step
     * ({@link #drawMasks}), as [N, C*H*W] times [N, perImage]; a copy of x in inference.
     */
    private NhwcTensor mask(NhwcTensor x, long perImage, double rate) {
        long n = x.dims()[0];
        long flat = x.channels() * x.dims()[2] * x.dims()[3];
        memory.desc values = new memory.desc(new long[] {n, flat}, type, memory.format_tag.ab);
        memory.desc maskMd = new memory.desc(new long[] {n, perImage}, type, memory.format_tag.ab);
        memory drawn = new memory(new memory.desc(new long[] {n, perImage}, memory.data_type.f32,
                memory.format_tag.ab), eng);
        memory mask = new memory(maskMd, eng);
        masks.add(new RandomMask(floats(drawn, (int) (n * perImage)), (float) rate));
        NhwcTensor y = activation(x.dims());
        binary mul = new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_mul, values, maskMd,
                values), eng));
        training.add(step(new reorder(drawn, mask), dnnl.DNNL_ARG_FROM, drawn, dnnl.DNNL_ARG_TO, mask));
        training.add(step(mul, dnnl.DNNL_ARG_SRC_0, view(x.data(), values), dnnl.DNNL_ARG_SRC_1, mask,
                dnnl.DNNL_ARG_DST, view(y.data(), values)));
        inference.add(step(new reorder(x.data(), y.data()), dnnl.DNNL_ARG_FROM, x.data(), dnnl.DNNL_ARG_TO, y.data()));
        backward.push(List.of(step(mul, dnnl.DNNL_ARG_SRC_0, view(y.diff(), values), dnnl.DNNL_ARG_SRC_1, mask,
                dnnl.DNNL_ARG_DST, view(x.diff(), values))));
        return y;
    }

    /** Draws every dropout and drop-connect mask for the next training step. */
    void drawMasks() {
        for (RandomMask m : masks) {
            float keep = 1 - m.rate();
            for (int i = 0; i < m.values().capacity(); i++) {
                m.values().put(i, random.nextFloat() < keep ? 1 / keep : 0f);
            }
        }
    }

    /** The identity residual a + b; each input's gradient is a copy of the output's. */
    NhwcTensor add(NhwcTensor a, NhwcTensor b) {
        kind = "residual";
        memory.desc d = nhwc(a.dims());
        NhwcTensor y = activation(a.dims());
        both(step(new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_add, d, d, d), eng)),
                dnnl.DNNL_ARG_SRC_0, a.data(), dnnl.DNNL_ARG_SRC_1, b.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(
                step(new reorder(y.diff(), a.diff()), dnnl.DNNL_ARG_FROM, y.diff(), dnnl.DNNL_ARG_TO, a.diff()),
                step(new reorder(y.diff(), b.diff()), dnnl.DNNL_ARG_FROM, y.diff(), dnnl.DNNL_ARG_TO, b.diff())));
        return y;
    }

    /** Hands x to two consumers, each with its own gradient memory; the two are summed into x's after both ran. */
    NhwcTensor[] fork(NhwcTensor x) {
        kind = "gradient_sum";
        memory.desc d = nhwc(x.dims());
        NhwcTensor first = new NhwcTensor(x.dims(), x.data(), gradients.gradient(d));
        NhwcTensor second = new NhwcTensor(x.dims(), x.data(), gradients.gradient(d));
        binary add = new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_add, d, d, d), eng));
        backward.push(List.of(step(add, dnnl.DNNL_ARG_SRC_0, first.diff(), dnnl.DNNL_ARG_SRC_1, second.diff(),
                dnnl.DNNL_ARG_DST, x.diff())));
        return new NhwcTensor[] {first, second};
    }

    NhwcTensor activation(long[] dims) {
        memory.desc d = nhwc(dims);
        return new NhwcTensor(dims, new memory(d, eng), gradients.gradient(d));
    }

    memory.desc nhwc(long[] dims) {
        return new memory.desc(dims, type, memory.format_tag.nhwc);
    }

    NhwcStep step(primitive p, Object... args) {
        return stepAs(kind, p, args);
    }

    /** A step of the named kind, whatever layer is being built. */
    NhwcStep stepAs(String stepKind, primitive p, Object... args) {
        IntMemoryMap map = new IntMemoryMap();
        List<memory> memories = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            map.put((Integer) args[i], (memory) args[i + 1]);
            memories.add((memory) args[i + 1]);
        }
        return new NhwcStep(stepKind, p, map, memories);
    }

    private void both(NhwcStep step) {
        training.add(step);
        inference.add(step);
    }

    private NhwcParameter param(String layer, NhwcParameter.Role role, memory.desc plain, int size) {
        NhwcParameter p = new NhwcParameter(layer, role, plain, eng, size);
        params.add(p);
        return p;
    }

    /**
     * A memory over another's buffer under a different description of the same bytes; over a gradient,
     * it follows the buffer the gradient is given later.
     */
    private memory view(memory whole, memory.desc d) {
        if (gradients.isGradient(whole)) {
            memory view = new memory(d, eng, (Pointer) null);
            gradients.follow(view, whole);
            return view;
        }
        long target = whole.get_data_handle().address();
        return new memory(d, eng, new Pointer() {
            {
                address = target;
            }
        });
    }

    static FloatBuffer floats(memory m, int size) {
        return new FloatPointer(m.get_data_handle()).capacity(size).asBuffer();
    }
}
