import org.effnas.worker.backend.NativeBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A lever measured: a 1x1 convolution as one GEMM per image on NCHW views, which needs no layout
 * conversion, against libnd4j's {@code conv2d} / {@code conv2d_bp} ops (oneDNN, with the reorders
 * around every call that docs/performance.md counts). Forward and backward (data and weights) of one
 * layer at batch 128, on random arrays; prints one line per timed round. A benchmark: it asserts nothing.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp experiments/target/effnas.jar bench/PointwiseProbe.java CIN COUT HW</pre>
 */
public final class PointwiseProbe {

    private static final int BATCH = 128;
    private static final int WARMUP = 2;
    private static final int ROUNDS = 3;
    // conv2d's integer arguments: 1x1 kernel, stride 1, no padding, dilation 1, 'valid', NCHW, weights [oC, iC, kH, kW]
    private static final int[] POINTWISE = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1};

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PointwiseProbe CIN COUT HW");
            System.exit(2);
        }
        int cin = Integer.parseInt(args[0]);
        int cout = Integer.parseInt(args[1]);
        int hw = Integer.parseInt(args[2]);
        NativeBackend.prepare();
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, cin, hw, hw);
        INDArray w = Nd4j.rand(DataType.FLOAT, cout, cin, 1, 1);
        INDArray y = Nd4j.create(DataType.FLOAT, BATCH, cout, hw, hw);
        INDArray dy = Nd4j.rand(DataType.FLOAT, BATCH, cout, hw, hw);
        INDArray dx = Nd4j.create(DataType.FLOAT, BATCH, cin, hw, hw);
        INDArray dw = Nd4j.create(DataType.FLOAT, cout, cin, 1, 1);
        INDArray w2 = w.reshape(cout, cin);
        INDArray dw2 = dw.reshape(cout, cin);
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long t0 = System.nanoTime();
            Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(y)
                    .addIntegerArguments(POINTWISE).build());
            long t1 = System.nanoTime();
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, dy).addOutputs(dx, dw)
                    .addIntegerArguments(POINTWISE).build());
            long t2 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                Nd4j.gemm(w2, image(x, i, cin, hw), image(y, i, cout, hw), false, false, 1.0, 0.0);
            }
            long t3 = System.nanoTime();
            dw2.assign(0);
            for (int i = 0; i < BATCH; i++) {
                INDArray dyi = image(dy, i, cout, hw);
                Nd4j.gemm(w2, dyi, image(dx, i, cin, hw), true, false, 1.0, 0.0);
                Nd4j.gemm(dyi, image(x, i, cin, hw), dw2, false, true, 1.0, 1.0);
            }
            long t4 = System.nanoTime();
            if (round >= WARMUP) {
                System.out.printf("cin=%d cout=%d hw=%d batch=%d onednn_forward_ms=%.1f onednn_backward_ms=%.1f "
                                + "gemm_forward_ms=%.1f gemm_backward_ms=%.1f load=%s%n", cin, cout, hw, BATCH,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, load());
            }
        }
    }

    /** Image {@code i} of an NCHW array as a [channels, H*W] matrix: a view, no copy. */
    private static INDArray image(INDArray a, int i, int channels, int hw) {
        return a.get(NDArrayIndex.point(i)).reshape(channels, (long) hw * hw);
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
