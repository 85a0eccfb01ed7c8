import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.effnas.cost.CostModel;
import org.effnas.data.IdxReader;
import org.effnas.data.ImageSplit;
import org.effnas.reference.Architectures;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;

/**
 * What a training engine that keeps NHWC from layer to layer would do for a whole network, measured:
 * an MBConv net (a built-in architecture or a spec file) trained with Adam entirely in oneDNN primitives
 * through JavaCPP's org.bytedeco:dnnl preset, activations in NHWC in float32 or bf16, master weights,
 * gradients and Adam's state in float32. Every convolution's weights are reordered from their plain
 * layout into the kernel's format each step (and the gradient back), as an engine keeping float32
 * masters must; the input batch is reordered once from NCHW. Left out, and so not paid: drop-connect,
 * dropout and batch norm's running statistics (elementwise work of a few percent of a step).
 *
 * <p>It checks the net against the cost model (trainable parameters must match), trains on real
 * Fashion-MNIST when the spec takes 28x28x1 inputs (a fixed random batch otherwise), and prints one
 * line per step (loss, ms) and a summary line. A benchmark and a probe, not effnas's trainer: it
 * asserts nothing about speed.
 *
 * <pre>bench/nhwc-training-probe.sh [ARCH|SPEC_FILE] [f32|bf16] [ITERATIONS] [WARMUP]</pre>
 */
public final class NhwcTrainingProbe {

    private static final int BATCH = 128;
    private static final float MEAN = 0.2861f;
    private static final float STD = 0.3530f;
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    /** One primitive with its arguments, bound once at build time. */
    private record Step(primitive p, IntMemoryMap args) {
    }

    /** An activation [N, C, H, W] in NHWC: its values and the memory its gradient is written to. */
    private record T(long[] dims, memory data, memory diff) {
    }

    /** A trainable float32 array in its plain layout, its gradient and Adam's two moments. */
    private static final class Param {
        final memory value;
        final memory grad;
        final FloatBuffer v;
        final FloatBuffer g;
        final float[] m1;
        final float[] m2;

        Param(memory.desc md, engine eng, int size) {
            value = new memory(md, eng);
            grad = new memory(md, eng);
            v = new FloatPointer(value.get_data_handle()).capacity(size).asBuffer();
            g = new FloatPointer(grad.get_data_handle()).capacity(size).asBuffer();
            m1 = new float[size];
            m2 = new float[size];
            for (int i = 0; i < size; i++) {
                v.put(i, 0f); // oneDNN's allocations are not cleared: biases and shifts start at zero
            }
        }
    }

    private final engine eng = new engine(engine.kind.cpu, 0);
    private final stream s = new stream(eng);
    private final memory.data_type type;
    private final List<Step> forward = new ArrayList<>();
    /** Backward groups, the last layer's first (each layer pushes its group after those it consumes). */
    private final Deque<List<Step>> backward = new ArrayDeque<>();
    private final List<Param> params = new ArrayList<>();
    private final Random random = new Random(1);

    private NhwcTrainingProbe(memory.data_type type) {
        this.type = type;
    }

    public static void main(String[] args) throws Exception {
        String arch = args.length > 0 ? args[0] : "effnas-mini";
        String precision = args.length > 1 ? args[1] : "f32";
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (!precision.equals("f32") && !precision.equals("bf16")) {
            System.err.println("nhwc-training-probe: precision must be f32 or bf16, not '" + precision + "'");
            System.exit(2);
        }
        ArchSpec spec = Architectures.resolve(arch);
        NhwcTrainingProbe net = new NhwcTrainingProbe(
                precision.equals("bf16") ? memory.data_type.bf16 : memory.data_type.f32);
        net.train(arch, precision, spec, iterations, warmup);
    }

    private void train(String arch, String precision, ArchSpec spec, int iterations, int warmup) throws Exception {
        int r = spec.resolution();
        int cin = spec.inChannels();
        long[] inDims = {BATCH, cin, r, r};
        memory userIn = new memory(md(inDims, memory.data_type.f32, memory.format_tag.nchw), eng);
        T input = new T(inDims, new memory(md(inDims, type, memory.format_tag.nhwc), eng), null);
        forward.add(step(new reorder(userIn, input.data()), dnnl.DNNL_ARG_FROM, userIn, dnnl.DNNL_ARG_TO, input.data()));
        T logits = build(spec, input);
        long built = params.stream().mapToLong(p -> p.m1.length).sum();
        long expected = CostModel.of(spec).params();

        long[] logitDims = logits.dims();
        int classes = (int) logitDims[1];
        memory logitsF32 = new memory(md(logitDims, memory.data_type.f32, memory.format_tag.nhwc), eng);
        memory gradF32 = new memory(md(logitDims, memory.data_type.f32, memory.format_tag.nhwc), eng);
        Step toLogits = step(new reorder(logits.data(), logitsF32), dnnl.DNNL_ARG_FROM, logits.data(),
                dnnl.DNNL_ARG_TO, logitsF32);
        Step fromGrad = step(new reorder(gradF32, logits.diff()), dnnl.DNNL_ARG_FROM, gradF32,
                dnnl.DNNL_ARG_TO, logits.diff());
        FloatBuffer in = floats(userIn, BATCH * cin * r * r);
        FloatBuffer z = floats(logitsF32, BATCH * classes);
        FloatBuffer dz = floats(gradF32, BATCH * classes);

        boolean real = r == 28 && cin == 1 && Files.isDirectory(DATA);
        ImageSplit data = real ? IdxReader.read(DATA.resolve("train-images-idx3-ubyte.gz"),
                DATA.resolve("train-labels-idx1-ubyte.gz"), 10) : null;
        int[] labels = new int[BATCH];
        if (!real) {
            for (int i = 0; i < in.capacity(); i++) {
                in.put(i, (float) random.nextGaussian());
            }
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt(classes);
            }
        }
        System.out.printf("nhwc-probe %s precision=%s params=%d cost_model_params=%d %s primitives_per_step=%d%n", arch,
                precision, built, expected, built == expected ? "match" : "MISMATCH", forward.size()
                        + backward.stream().mapToInt(List::size).sum() + 2);
        double lossFirst = 0;
        double lossLast = 0;
        long timedNanos = 0;
        int[] order = permutation(real ? data.count() : BATCH);
        for (int it = 0; it < warmup + iterations; it++) {
            long t0 = System.nanoTime();
            if (real) {
                fillBatch(data, order, it, in, labels);
            }
            for (Step st : forward) {
                run(st);
            }
            run(toLogits);
            double loss = softmaxCrossEntropy(z, dz, labels, classes);
            run(fromGrad);
            for (List<Step> group : backward) {
                for (Step st : group) {
                    run(st);
                }
            }
            adam(it + 1);
            long t1 = System.nanoTime();
            if (it >= warmup) {
                timedNanos += t1 - t0;
            }
            if (it < 5) {
                lossFirst += loss / 5;
            }
            if (it >= warmup + iterations - 5) {
                lossLast += loss / 5;
            }
            System.out.printf("step=%d loss=%.4f ms=%.1f%n", it, loss, (t1 - t0) / 1e6);
        }
        System.out.printf("nhwc-probe-result arch=%s precision=%s batch=%d iterations=%d images_per_s=%.1f "
                        + "peak_rss_bytes=%d loss_first5=%.4f loss_last5=%.4f data=%s load=%s%n", arch, precision, BATCH,
                iterations, (double) BATCH * iterations / (timedNanos / 1e9), peakRss(), lossFirst, lossLast,
                real ? "fashion-mnist" : "synthetic", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Stem, blocks, head, pooling and the classifier; returns the logits [N, classes, 1, 1]. */
    private T build(ArchSpec spec, T input) {
        dnnl.algorithm act = spec.activation() == Activation.SWISH ? dnnl.algorithm.eltwise_swish
                : dnnl.algorithm.eltwise_relu;
        T x = eltwise(bn(conv(input, spec.stem().filters(), spec.stem().kernel(), spec.stem().stride(), false,
                false)), act);
        for (Block b : spec.blocks()) {
            T[] in = b.residual() ? fork(x, 2) : new T[] {x};
            T h = in[0];
            if (b.op().expansion() != 1) {
                h = eltwise(bn(conv(h, b.expandedFilters(), 1, 1, false, false)), act);
            }
            h = eltwise(bn(conv(h, b.expandedFilters(), b.kernel(), b.stride(), true, false)), act);
            if (b.hasSe()) {
                T[] gate = fork(h, 2);
                T g = eltwise(conv(eltwise(conv(pool(gate[0]), b.seFilters(), 1, 1, false, true), act),
                        b.expandedFilters(), 1, 1, false, true), dnnl.algorithm.eltwise_logistic);
                h = scale(gate[1], g);
            }
            h = bn(conv(h, b.outputFilters(), 1, 1, false, false));
            x = b.residual() ? add(h, in[1]) : h;
        }
        x = eltwise(bn(conv(x, spec.head().filters(), 1, 1, false, false)), act);
        return conv(pool(x), spec.classes(), 1, 1, false, true);
    }

    /** A 'same'-padded convolution (TensorFlow's padding: the extra pixel bottom/right), plain or depthwise. */
    private T conv(T x, int cout, int k, int stride, boolean depthwise, boolean bias) {
        long n = x.dims()[0];
        long cin = x.dims()[1];
        long h = x.dims()[2];
        long oh = (h + stride - 1) / stride;
        long padTotal = Math.max((oh - 1) * stride + k - h, 0);
        long[] padL = {padTotal / 2, padTotal / 2};
        long[] padR = {padTotal - padTotal / 2, padTotal - padTotal / 2};
        long[] strides = {stride, stride};
        long[] wd = depthwise ? new long[] {cin, 1, 1, k, k} : new long[] {cout, cin, k, k};
        T y = activation(new long[] {n, depthwise ? cin : cout, oh, oh});
        memory.desc src = md(x.dims(), type, memory.format_tag.nhwc);
        memory.desc dst = md(y.dims(), type, memory.format_tag.nhwc);
        memory.desc anyW = md(wd, type, memory.format_tag.any);
        memory.desc anyDiffW = md(wd, memory.data_type.f32, memory.format_tag.any);
        memory.desc biasMd = md(new long[] {y.dims()[1]}, memory.data_type.f32, memory.format_tag.x);
        dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
        convolution_forward.primitive_desc fwd = new convolution_forward.primitive_desc(bias
                ? new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, src, anyW, biasMd, dst, strides,
                        padL, padR)
                : new convolution_forward.desc(dnnl.prop_kind.forward_training, direct, src, anyW, dst, strides, padL,
                        padR), eng);
        convolution_backward_weights.primitive_desc bwdW = new convolution_backward_weights.primitive_desc(bias
                ? new convolution_backward_weights.desc(direct, src, anyDiffW, biasMd, dst, strides, padL, padR)
                : new convolution_backward_weights.desc(direct, src, anyDiffW, dst, strides, padL, padR), eng, fwd);
        Param w = param(md(wd, memory.data_type.f32, depthwise ? memory.format_tag.goihw : memory.format_tag.oihw),
                (int) (wd[0] * wd[1] * wd[2] * wd[3] * (depthwise ? wd[4] : 1)));
        double std = Math.sqrt(2.0 / ((depthwise ? 1 : cin) * k * k));
        for (int i = 0; i < w.v.capacity(); i++) {
            w.v.put(i, (float) (random.nextGaussian() * std));
        }
        Param b = bias ? param(biasMd, (int) y.dims()[1]) : null;
        memory fwdW = new memory(fwd.weights_desc(), eng);
        memory diffW = new memory(bwdW.diff_weights_desc(), eng);
        forward.add(step(new reorder(w.value, fwdW), dnnl.DNNL_ARG_FROM, w.value, dnnl.DNNL_ARG_TO, fwdW));
        forward.add(bias
                ? step(new convolution_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_WEIGHTS, fwdW,
                        dnnl.DNNL_ARG_BIAS, b.value, dnnl.DNNL_ARG_DST, y.data())
                : step(new convolution_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_WEIGHTS, fwdW,
                        dnnl.DNNL_ARG_DST, y.data()));
        List<Step> group = new ArrayList<>();
        group.add(bias
                ? step(new convolution_backward_weights(bwdW), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DIFF_DST,
                        y.diff(), dnnl.DNNL_ARG_DIFF_WEIGHTS, diffW, dnnl.DNNL_ARG_DIFF_BIAS, b.grad)
                : step(new convolution_backward_weights(bwdW), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DIFF_DST,
                        y.diff(), dnnl.DNNL_ARG_DIFF_WEIGHTS, diffW));
        group.add(step(new reorder(diffW, w.grad), dnnl.DNNL_ARG_FROM, diffW, dnnl.DNNL_ARG_TO, w.grad));
        if (x.diff() != null) {
            convolution_backward_data.primitive_desc bwdD = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(direct, src, anyW, dst, strides, padL, padR), eng, fwd);
            memory dataW = new memory(bwdD.weights_desc(), eng);
            group.add(step(new reorder(w.value, dataW), dnnl.DNNL_ARG_FROM, w.value, dnnl.DNNL_ARG_TO, dataW));
            group.add(step(new convolution_backward_data(bwdD), dnnl.DNNL_ARG_DIFF_DST, y.diff(),
                    dnnl.DNNL_ARG_WEIGHTS, dataW, dnnl.DNNL_ARG_DIFF_SRC, x.diff()));
        }
        backward.push(group);
        return y;
    }

    /** Batch normalization over the batch's statistics, with a learned scale and shift. */
    private T bn(T x) {
        memory.desc d = md(x.dims(), type, memory.format_tag.nhwc);
        float eps = 1e-3f;
        batch_normalization_forward.primitive_desc fwd = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(dnnl.prop_kind.forward_training, d, eps,
                        dnnl.normalization_flags.use_scale_shift), eng);
        batch_normalization_backward.primitive_desc bwd = new batch_normalization_backward.primitive_desc(
                new batch_normalization_backward.desc(dnnl.prop_kind.backward, d, d, eps,
                        dnnl.normalization_flags.use_scale_shift), eng, fwd);
        long c = x.dims()[1];
        Param ss = param(md(new long[] {2, c}, memory.data_type.f32, memory.format_tag.nc), (int) (2 * c));
        for (int i = 0; i < c; i++) {
            ss.v.put(i, 1f);
        }
        memory mean = new memory(fwd.mean_desc(), eng);
        memory variance = new memory(fwd.variance_desc(), eng);
        T y = activation(x.dims());
        forward.add(step(new batch_normalization_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_SCALE_SHIFT,
                ss.value, dnnl.DNNL_ARG_MEAN, mean, dnnl.DNNL_ARG_VARIANCE, variance, dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new batch_normalization_backward(bwd), dnnl.DNNL_ARG_SRC, x.data(),
                dnnl.DNNL_ARG_MEAN, mean, dnnl.DNNL_ARG_VARIANCE, variance, dnnl.DNNL_ARG_DIFF_DST, y.diff(),
                dnnl.DNNL_ARG_SCALE_SHIFT, ss.value, dnnl.DNNL_ARG_DIFF_SRC, x.diff(),
                dnnl.DNNL_ARG_DIFF_SCALE_SHIFT, ss.grad)));
        return y;
    }

    private T eltwise(T x, dnnl.algorithm algorithm) {
        memory.desc d = md(x.dims(), type, memory.format_tag.nhwc);
        eltwise_forward.primitive_desc fwd = new eltwise_forward.primitive_desc(
                new eltwise_forward.desc(dnnl.prop_kind.forward_training, algorithm, d, 1f, 0f), eng);
        eltwise_backward.primitive_desc bwd = new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(algorithm, d, d, 1f, 0f), eng, fwd);
        T y = activation(x.dims());
        forward.add(step(new eltwise_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new eltwise_backward(bwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DIFF_DST,
                y.diff(), dnnl.DNNL_ARG_DIFF_SRC, x.diff())));
        return y;
    }

    /** Global average pooling to [N, C, 1, 1]. */
    private T pool(T x) {
        long[] kernel = {x.dims()[2], x.dims()[3]};
        long[] zero = {0, 0};
        T y = activation(new long[] {x.dims()[0], x.dims()[1], 1, 1});
        memory.desc src = md(x.dims(), type, memory.format_tag.nhwc);
        memory.desc dst = md(y.dims(), type, memory.format_tag.nhwc);
        dnnl.algorithm avg = dnnl.algorithm.pooling_avg_exclude_padding;
        pooling_forward.primitive_desc fwd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                dnnl.prop_kind.forward_training, avg, src, dst, kernel, kernel, zero, zero), eng);
        pooling_backward.primitive_desc bwd = new pooling_backward.primitive_desc(
                new pooling_backward.desc(avg, src, dst, kernel, kernel, zero, zero), eng, fwd);
        forward.add(step(new pooling_forward(fwd), dnnl.DNNL_ARG_SRC, x.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(step(new pooling_backward(bwd), dnnl.DNNL_ARG_DIFF_DST, y.diff(), dnnl.DNNL_ARG_DIFF_SRC,
                x.diff())));
        return y;
    }

    /**
     * The SE gate: x [N, C, H, W] times g [N, C, 1, 1]. g's gradient is the spatial sum of dy * x, taken as
     * oneDNN's (jit) average pooling times H * W, because its reduction primitive runs a reference kernel.
     */
    private T scale(T x, T g) {
        memory.desc xd = md(x.dims(), type, memory.format_tag.nhwc);
        memory.desc gd = md(g.dims(), type, memory.format_tag.nhwc);
        long[] kernel = {x.dims()[2], x.dims()[3]};
        long[] zero = {0, 0};
        binary.primitive_desc mul = new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_mul, xd, xd, xd),
                eng);
        pooling_forward.primitive_desc mean = new pooling_forward.primitive_desc(new pooling_forward.desc(
                dnnl.prop_kind.forward_inference, dnnl.algorithm.pooling_avg_exclude_padding, xd, gd, kernel, kernel,
                zero, zero), eng);
        eltwise_forward.primitive_desc times = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                dnnl.prop_kind.forward_inference, dnnl.algorithm.eltwise_linear, gd, kernel[0] * kernel[1], 0f), eng);
        T y = activation(x.dims());
        memory product = new memory(xd, eng);
        memory average = new memory(gd, eng);
        forward.addAll(broadcastMul(x.data(), g.data(), y.data(), x.dims()));
        List<Step> group = new ArrayList<>(broadcastMul(y.diff(), g.data(), x.diff(), x.dims()));
        group.add(step(new binary(mul), dnnl.DNNL_ARG_SRC_0, y.diff(), dnnl.DNNL_ARG_SRC_1, x.data(), dnnl.DNNL_ARG_DST,
                product));
        group.add(step(new pooling_forward(mean), dnnl.DNNL_ARG_SRC, product, dnnl.DNNL_ARG_DST, average));
        group.add(step(new eltwise_forward(times), dnnl.DNNL_ARG_SRC, average, dnnl.DNNL_ARG_DST, g.diff()));
        backward.push(group);
        return y;
    }

    /**
     * a [N, C, H, W] times b [N, C, 1, 1] into out, described to oneDNN as the same bytes in 3-D, [N, H*W, C]
     * times [N, 1, C]: oneDNN 2.5 runs the 4-D NHWC form of some shapes (C = 16 and 24 at 28 px) on its
     * reference kernel, the 3-D form of every shape on its jit kernel.
     */
    private List<Step> broadcastMul(memory a, memory b, memory out, long[] dims) {
        memory.desc flat = md(new long[] {dims[0], dims[2] * dims[3], dims[1]}, type, memory.format_tag.abc);
        memory.desc gate = md(new long[] {dims[0], 1, dims[1]}, type, memory.format_tag.abc);
        binary mul = new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_mul, flat, gate, flat),
                eng));
        return List.of(step(mul, dnnl.DNNL_ARG_SRC_0, view(a, flat, 0), dnnl.DNNL_ARG_SRC_1, view(b, gate, 0),
                dnnl.DNNL_ARG_DST, view(out, flat, 0)));
    }

    /** A memory over part of another's buffer, from a byte offset. */
    private memory view(memory whole, memory.desc d, long byteOffset) {
        long target = whole.get_data_handle().address() + byteOffset;
        return new memory(d, eng, new Pointer() {
            {
                address = target;
            }
        });
    }

    /** The identity residual: a + b; each input's gradient is a copy of the output's. */
    private T add(T a, T b) {
        memory.desc d = md(a.dims(), type, memory.format_tag.nhwc);
        T y = activation(a.dims());
        forward.add(step(new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_add, d, d, d),
                eng)), dnnl.DNNL_ARG_SRC_0, a.data(), dnnl.DNNL_ARG_SRC_1, b.data(), dnnl.DNNL_ARG_DST, y.data()));
        backward.push(List.of(
                step(new reorder(y.diff(), a.diff()), dnnl.DNNL_ARG_FROM, y.diff(), dnnl.DNNL_ARG_TO, a.diff()),
                step(new reorder(y.diff(), b.diff()), dnnl.DNNL_ARG_FROM, y.diff(), dnnl.DNNL_ARG_TO, b.diff())));
        return y;
    }

    /** Hands x to several consumers: each gets its own gradient memory, summed into x's after they ran. */
    private T[] fork(T x, int ways) {
        memory.desc d = md(x.dims(), type, memory.format_tag.nhwc);
        T[] out = new T[ways];
        for (int i = 0; i < ways; i++) {
            out[i] = new T(x.dims(), x.data(), new memory(d, eng));
        }
        binary add = new binary(new binary.primitive_desc(new binary.desc(dnnl.algorithm.binary_add, d, d, d), eng));
        List<Step> group = new ArrayList<>();
        group.add(step(add, dnnl.DNNL_ARG_SRC_0, out[0].diff(), dnnl.DNNL_ARG_SRC_1, out[1].diff(), dnnl.DNNL_ARG_DST,
                x.diff()));
        for (int i = 2; i < ways; i++) {
            group.add(step(add, dnnl.DNNL_ARG_SRC_0, x.diff(), dnnl.DNNL_ARG_SRC_1, out[i].diff(), dnnl.DNNL_ARG_DST,
                    x.diff()));
        }
        backward.push(group);
        return out;
    }

    private T activation(long[] dims) {
        memory.desc d = md(dims, type, memory.format_tag.nhwc);
        return new T(dims, new memory(d, eng), new memory(d, eng));
    }

    private Param param(memory.desc md, int size) {
        Param p = new Param(md, eng, size);
        params.add(p);
        return p;
    }

    /** Adam as PyTorch's defaults have it (lr 1e-3, betas 0.9 / 0.999, eps 1e-8), over every float32 master. */
    private void adam(int t) {
        double lr = 1e-3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        for (Param p : params) {
            for (int i = 0; i < p.m1.length; i++) {
                float g = p.g.get(i);
                p.m1[i] = 0.9f * p.m1[i] + 0.1f * g;
                p.m2[i] = 0.999f * p.m2[i] + 0.001f * g * g;
                p.v.put(i, (float) (p.v.get(i) - lr * p.m1[i] / (Math.sqrt(p.m2[i]) + 1e-8)));
            }
        }
    }

    private static double softmaxCrossEntropy(FloatBuffer z, FloatBuffer dz, int[] labels, int classes) {
        double loss = 0;
        for (int n = 0; n < labels.length; n++) {
            int o = n * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, z.get(o + k));
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(z.get(o + k) - max);
            }
            loss -= z.get(o + labels[n]) - max - Math.log(sum);
            for (int k = 0; k < classes; k++) {
                double p = Math.exp(z.get(o + k) - max) / sum;
                dz.put(o + k, (float) ((p - (k == labels[n] ? 1 : 0)) / labels.length));
            }
        }
        return loss / labels.length;
    }

    private static void fillBatch(ImageSplit data, int[] order, int step, FloatBuffer in, int[] labels) {
        int pixels = data.imageBytes();
        for (int n = 0; n < BATCH; n++) {
            int image = order[(step * BATCH + n) % order.length];
            labels[n] = data.labels()[image];
            for (int i = 0; i < pixels; i++) {
                in.put(n * pixels + i, ((data.pixels()[image * pixels + i] & 0xff) / 255f - MEAN) / STD);
            }
        }
    }

    private int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private Step step(primitive p, Object... args) {
        IntMemoryMap map = new IntMemoryMap();
        for (int i = 0; i < args.length; i += 2) {
            map.put((Integer) args[i], (memory) args[i + 1]);
        }
        return new Step(p, map);
    }

    private void run(Step st) {
        st.p().execute(s, st.args());
    }

    private static memory.desc md(long[] dims, memory.data_type t, memory.format_tag tag) {
        return new memory.desc(dims, t, tag);
    }

    private static FloatBuffer floats(memory m, int size) {
        return new FloatPointer(m.get_data_handle()).capacity(size).asBuffer();
    }

    private static long peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
