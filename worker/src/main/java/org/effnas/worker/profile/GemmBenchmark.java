package org.effnas.worker.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.worker.backend.NativeBackend;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU's measured single-precision matrix-product rate, the roof of the arithmetic roofline against
 * which a training or inference GFLOP/s figure can be read: square float32 products {@code C = A B} of
 * each size, timed {@code runs} times after one untimed product, {@code 2 n^3} FLOPs each. Two kernels:
 * {@link Kernel#BLAS} (ND4J's {@code Nd4j.gemm}, the bundled BLAS's sgemm) and {@link Kernel#MATMUL_OP}
 * (libnd4j's {@code matmul} op, which hands the product to oneDNN when its helpers are on).
 *
 * @param kernel         which kernel ran
 * @param n              matrix size
 * @param runs           timed products
 * @param threads        ND4J's thread count during the run
 * @param bestGflops     2 n^3 / fastest time / 1e9
 * @param medianGflops   2 n^3 / median time / 1e9
 */
public record GemmBenchmark(Kernel kernel, int n, int runs, int threads, double bestGflops, double medianGflops) {

    /** The product kernels measured. */
    public enum Kernel {
        BLAS("nd4j-gemm-blas"), MATMUL_OP("nd4j-matmul-op");

        private final String id;

        Kernel(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Measures every size with both kernels, in the order given. */
    public static List<GemmBenchmark> run(List<Integer> sizes, int runs) {
        if (runs < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1 || n > 16384)) {
            throw new InvalidInputException("bench gemm: --sizes must be in 1..16384 and --runs >= 1, got " + sizes
                    + " and " + runs);
        }
        NativeBackend.prepare();
        int threads = Nd4j.getEnvironment().maxThreads();
        List<GemmBenchmark> rows = new ArrayList<>();
        for (int n : sizes) {
            Nd4j.getRandom().setSeed(n);
            INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
            INDArray b = Nd4j.randn(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            for (Kernel k : Kernel.values()) {
                double[] seconds = new double[runs];
                product(k, a, b, c);
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    product(k, a, b, c);
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(seconds);
                double flops = 2.0 * n * n * n;
                rows.add(new GemmBenchmark(k, n, runs, threads, flops / seconds[0] / 1e9,
                        flops / seconds[runs / 2] / 1e9));
            }
        }
        return rows;
    }

    private static void product(Kernel k, INDArray a, INDArray b, INDArray c) {
        if (k == Kernel.BLAS) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        } else {
            Nd4j.exec(new Mmul(a, b, c, MMulTranspose.allFalse()));
        }
    }
}
