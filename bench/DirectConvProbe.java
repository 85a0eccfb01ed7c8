import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.effnas.worker.backend.NativeBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The route docs/performance.md names for the training target, measured on one layer: a convolution
 * run by oneDNN directly on NHWC activations (JavaCPP's org.bytedeco:dnnl preset, weights reordered
 * from the plain layout each step, as PyTorch's channels_last does), against libnd4j's ops on NCHW
 * (oneDNN with the reorders around every call). Pointwise (1x1) or depthwise (KxK, 'same', stride 1),
 * forward and backward (data and weights), batch 128, random arrays. It first checks that both give
 * the same forward output and input gradient, then prints one line per timed round. A benchmark: it
 * asserts nothing about speed.
 *
 * <pre>bench/direct-conv-probe.sh [pointwise CIN COUT HW | depthwise C K HW]</pre>
 */
public final class DirectConvProbe {

    private static final int BATCH = 128;
    private static final int WARMUP = 2;
    private static final int ROUNDS = 3;

    public static void main(String[] args) {
        if (args.length != 4 || !(args[0].equals("pointwise") || args[0].equals("depthwise"))) {
            System.err.println("usage: DirectConvProbe pointwise CIN COUT HW | depthwise C K HW");
            System.exit(2);
        }
        boolean depthwise = args[0].equals("depthwise");
        int cin = Integer.parseInt(args[1]);
        int cout = depthwise ? cin : Integer.parseInt(args[2]);
        int k = depthwise ? Integer.parseInt(args[2]) : 1;
        int hw = Integer.parseInt(args[3]);
        int pad = (k - 1) / 2;
        NativeBackend.prepare();

        // libnd4j's arrays, NCHW, with the weight layouts and integer arguments DL4J's layers pass: a
        // ConvolutionLayer's [oC, iC, kH, kW] (wFormat 1), a DepthwiseConvolution2D's [kH, kW, iC, 1] (wFormat 0)
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, cin, hw, hw).subi(0.5);
        INDArray w = depthwise ? Nd4j.rand(DataType.FLOAT, k, k, cin, 1).subi(0.5)
                : Nd4j.rand(DataType.FLOAT, cout, cin, 1, 1).subi(0.5);
        INDArray y = Nd4j.create(DataType.FLOAT, BATCH, cout, hw, hw);
        INDArray dy = Nd4j.rand(DataType.FLOAT, BATCH, cout, hw, hw).subi(0.5);
        INDArray dx = Nd4j.create(DataType.FLOAT, BATCH, cin, hw, hw);
        INDArray dw = w.ulike();
        int[] iargs = depthwise ? new int[] {k, k, 1, 1, pad, pad, 1, 1, 0, 0}
                : new int[] {k, k, 1, 1, pad, pad, 1, 1, 0, 0, 1};
        String forwardOp = depthwise ? "depthwise_conv2d" : "conv2d";

        engine eng = new engine(engine.kind.cpu, 0);
        stream s = new stream(eng);
        long[] act = {BATCH, cin, hw, hw};
        long[] out = {BATCH, cout, hw, hw};
        long[] wdims = depthwise ? new long[] {cin, 1, 1, k, k} : new long[] {cout, cin, 1, 1};
        // DL4J's weights as oneDNN reads them in place: a ConvolutionLayer's [oC, iC, 1, 1] is oihw, a
        // DepthwiseConvolution2D's [kH, kW, C, 1] is goihw dims with hwigo strides
        memory.desc userWeights = depthwise
                ? new memory.desc(wdims, memory.data_type.f32, new long[] {1, 1, 1, (long) k * cin, cin})
                : new memory.desc(wdims, memory.data_type.f32, memory.format_tag.oihw);
        memory userX = wrap(x, act, memory.format_tag.nchw, eng);
        memory userDy = wrap(dy, out, memory.format_tag.nchw, eng);
        memory userW = new memory(userWeights, eng, w.data().addressPointer());
        memory userDw = new memory(userWeights, eng, dw.data().addressPointer());
        long[] pads = {pad, pad};
        DirectArm f32 = new DirectArm(memory.data_type.f32, act, out, wdims, pads, userX, userDy, userW, userDw, eng, s);
        DirectArm bf16 = null;
        String bf16Missing = null;
        try {
            bf16 = new DirectArm(memory.data_type.bf16, act, out, wdims, pads, userX, userDy, userW, userDw, eng, s);
        } catch (RuntimeException e) {
            bf16Missing = e.getMessage();
        }
        String kind = depthwise ? "depthwise c=" + cin + " k=" + k : "pointwise cin=" + cin + " cout=" + cout;
        if (bf16Missing != null) {
            System.out.printf("%s hw=%d: bf16 arm left out, oneDNN cannot run bf16 here (%s)%n", kind, hw, bf16Missing);
        }
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long t0 = System.nanoTime();
            Nd4j.exec(DynamicCustomOp.builder(forwardOp).addInputs(x, w).addOutputs(y).addIntegerArguments(iargs).build());
            long t1 = System.nanoTime();
            Nd4j.exec(DynamicCustomOp.builder(forwardOp + "_bp").addInputs(x, w, dy).addOutputs(dx, dw)
                    .addIntegerArguments(iargs).build());
            long t2 = System.nanoTime();
            long[] direct = f32.step();
            long[] half = bf16 == null ? null : bf16.step();
            if (round == 0) {
                System.out.printf("%s hw=%d: max |difference| forward %.2e, input gradient %.2e (values ~%.1f)%n", kind,
                        hw, maxDifference(y, f32.dst, out, eng, s), maxDifference(dx, f32.diffSrc, act, eng, s),
                        y.amaxNumber().doubleValue());
                if (bf16 != null) {
                    System.out.printf("%s hw=%d: bf16 max |difference| forward %.2e, input gradient %.2e%n", kind, hw,
                            maxDifference(y, bf16.dst, out, eng, s), maxDifference(dx, bf16.diffSrc, act, eng, s));
                }
            }
            if (round >= WARMUP) {
                System.out.printf("%s hw=%d batch=%d libnd4j_nchw_forward_ms=%.1f libnd4j_nchw_backward_ms=%.1f "
                                + "direct_nhwc_forward_ms=%.1f direct_nhwc_backward_ms=%.1f%s load=%s%n", kind, hw, BATCH,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, direct[0] / 1e6, direct[1] / 1e6,
                        half == null ? "" : String.format(" direct_nhwc_bf16_forward_ms=%.1f direct_nhwc_bf16_backward_ms=%.1f",
                                half[0] / 1e6, half[1] / 1e6), load());
            }
        }
    }

    /**
     * One convolution run by oneDNN on NHWC activations of one data type. The master weights and the
     * weight gradient stay float32 in DL4J's layout (as a bf16 trainer keeps f32 master weights): every
     * step reorders them into and out of the kernel's format, converting the type on the way. The
     * activations are converted once, up front, as a previous layer of the same precision would hand
     * them over.
     */
    private static final class DirectArm {
        final memory src;
        final memory dst;
        final memory diffDst;
        final memory diffSrc;
        final memory fwdW;
        final memory bwdW;
        final memory diffW;
        final memory userW;
        final memory userDw;
        final primitive forward;
        final primitive backwardData;
        final primitive backwardWeights;
        final reorder toFwdW;
        final reorder toBwdW;
        final reorder fromDiffW;
        final stream s;

        DirectArm(memory.data_type type, long[] act, long[] out, long[] wdims, long[] pads, memory userX,
                  memory userDy, memory userW, memory userDw, engine eng, stream s) {
            memory.desc srcMd = new memory.desc(act, type, memory.format_tag.nhwc);
            memory.desc dstMd = new memory.desc(out, type, memory.format_tag.nhwc);
            memory.desc anyWeights = new memory.desc(wdims, type, memory.format_tag.any);
            memory.desc anyDiffWeights = new memory.desc(wdims, memory.data_type.f32, memory.format_tag.any);
            long[] strides = {1, 1};
            convolution_forward.primitive_desc fwdPd = new convolution_forward.primitive_desc(
                    new convolution_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                            srcMd, anyWeights, dstMd, strides, pads, pads), eng);
            convolution_backward_data.primitive_desc bwdDataPd = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(dnnl.algorithm.convolution_direct, srcMd, anyWeights, dstMd,
                            strides, pads, pads), eng, fwdPd);
            convolution_backward_weights.primitive_desc bwdWeightsPd = new convolution_backward_weights.primitive_desc(
                    new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct, srcMd, anyDiffWeights,
                            dstMd, strides, pads, pads), eng, fwdPd);
            this.s = s;
            this.userW = userW;
            this.userDw = userDw;
            src = new memory(srcMd, eng);
            dst = new memory(dstMd, eng);
            diffDst = new memory(dstMd, eng);
            diffSrc = new memory(srcMd, eng);
            fwdW = new memory(fwdPd.weights_desc(), eng);
            bwdW = new memory(bwdDataPd.weights_desc(), eng);
            diffW = new memory(bwdWeightsPd.diff_weights_desc(), eng);
            exec(new reorder(userX, src), s, dnnl.DNNL_ARG_FROM, userX, dnnl.DNNL_ARG_TO, src);
            exec(new reorder(userDy, diffDst), s, dnnl.DNNL_ARG_FROM, userDy, dnnl.DNNL_ARG_TO, diffDst);
            forward = new convolution_forward(fwdPd);
            backwardData = new convolution_backward_data(bwdDataPd);
            backwardWeights = new convolution_backward_weights(bwdWeightsPd);
            toFwdW = new reorder(userW, fwdW);
            toBwdW = new reorder(userW, bwdW);
            fromDiffW = new reorder(diffW, userDw);
        }

        /** One forward and one backward pass; returns their nanoseconds. */
        long[] step() {
            long t0 = System.nanoTime();
            exec(toFwdW, s, dnnl.DNNL_ARG_FROM, userW, dnnl.DNNL_ARG_TO, fwdW);
            exec(forward, s, dnnl.DNNL_ARG_SRC, src, dnnl.DNNL_ARG_WEIGHTS, fwdW, dnnl.DNNL_ARG_DST, dst);
            long t1 = System.nanoTime();
            exec(toBwdW, s, dnnl.DNNL_ARG_FROM, userW, dnnl.DNNL_ARG_TO, bwdW);
            exec(backwardData, s, dnnl.DNNL_ARG_DIFF_DST, diffDst, dnnl.DNNL_ARG_WEIGHTS, bwdW,
                    dnnl.DNNL_ARG_DIFF_SRC, diffSrc);
            exec(backwardWeights, s, dnnl.DNNL_ARG_SRC, src, dnnl.DNNL_ARG_DIFF_DST, diffDst,
                    dnnl.DNNL_ARG_DIFF_WEIGHTS, diffW);
            exec(fromDiffW, s, dnnl.DNNL_ARG_FROM, diffW, dnnl.DNNL_ARG_TO, userDw);
            return new long[] {t1 - t0, System.nanoTime() - t1};
        }
    }

    private static memory wrap(INDArray a, long[] dims, memory.format_tag tag, engine eng) {
        return new memory(new memory.desc(dims, memory.data_type.f32, tag), eng, a.data().addressPointer());
    }

    private static void exec(primitive p, stream s, Object... args) {
        IntMemoryMap map = new IntMemoryMap();
        for (int i = 0; i < args.length; i += 2) {
            map.put((Integer) args[i], (memory) args[i + 1]);
        }
        p.execute(s, map);
        s._wait();
    }

    /** The largest difference between an NCHW INDArray and oneDNN's NHWC memory of the same tensor. */
    private static double maxDifference(INDArray reference, memory nhwc, long[] dims, engine eng, stream s) {
        INDArray copy = reference.ulike();
        memory target = wrap(copy, dims, memory.format_tag.nchw, eng);
        exec(new reorder(nhwc, target), s, dnnl.DNNL_ARG_FROM, nhwc, dnnl.DNNL_ARG_TO, target);
        return copy.subi(reference).amaxNumber().doubleValue();
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
