package org.effnas.worker.batchnorm;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct access to the off-heap floats of a dense array, for the Java batch-norm kernels
 * ({@link BatchNormForward}, {@link BatchNormBackward}): element {@code i} is the i-th value in
 * c order. The kernels move runs of values between the array and Java arrays in bulk (a memory
 * copy), where their arithmetic runs without a call per element.
 *
 * <p>The view holds its array and fences it on every access: the NIO buffer over the native
 * pointer does not keep the array reachable, and ND4J frees an array's memory once the array is
 * collected. Kernels are handed arrays that nothing else refers to (a layer's epsilon outside a
 * workspace), which a collection mid-kernel would otherwise free under them.
 */
final class DenseFloatView {

    private final INDArray array;
    private final FloatBuffer buffer;
    private final int offset;

    DenseFloatView(INDArray a) {
        this.array = a;
        this.buffer = a.data().asNioFloat();
        this.offset = (int) a.offset(); // 0 for every array supports() accepts
    }

    /**
     * Whether ND4J keeps arrays in host memory (the CPU backend). On a GPU backend the host copy a
     * buffer view reads can be stale, so the kernels step aside for the composed ND4J ops there.
     */
    private static final boolean HOST_MEMORY = "CPU".equalsIgnoreCase(
            Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));

    /**
     * Whether the kernels can read and write these arrays directly: dense c-order rank-4 floats at
     * offset 0, on the CPU backend.
     */
    static boolean supports(INDArray... arrays) {
        if (!HOST_MEMORY) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a != null && (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.rank() != 4
                    || a.offset() != 0 || a.elementWiseStride() != 1 || a.length() > Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /** Copies elements [from, from + len) into {@code dst[0, len)}. */
    void read(int from, float[] dst, int len) {
        buffer.get(offset + from, dst, 0, len);
        Reference.reachabilityFence(array);
    }

    /** Copies {@code src[0, len)} into elements [from, from + len). */
    void write(int from, float[] src, int len) {
        buffer.put(offset + from, src, 0, len);
        Reference.reachabilityFence(array);
    }
}
