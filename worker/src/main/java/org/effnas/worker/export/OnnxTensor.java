package org.effnas.worker.export;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of the graph (ONNX {@code TensorProto} initializer): row-major values held as
 * the little-endian bytes ONNX's {@code raw_data} field takes.
 *
 * @param name     the value name nodes refer to
 * @param dataType ONNX element type: {@link #FLOAT} or {@link #INT64}
 * @param dims     the shape
 * @param raw      the values, little-endian, row-major
 */
public record OnnxTensor(String name, int dataType, long[] dims, ByteString raw) {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;

    public OnnxTensor {
        dims = dims.clone();
        long elements = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        int width = dataType == FLOAT ? Float.BYTES : Long.BYTES;
        if (raw.size() != elements * width) {
            throw new IllegalArgumentException(name + ": " + raw.size() + " bytes for shape " + Arrays.toString(dims));
        }
    }

    /** A float tensor of {@code values} (row-major) with shape {@code dims}. */
    public static OnnxTensor floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new OnnxTensor(name, FLOAT, dims, ByteString.copyFrom(b));
    }

    /** A 1-D int64 tensor (shapes for Reshape). */
    public static OnnxTensor longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new OnnxTensor(name, INT64, new long[] {values.length}, ByteString.copyFrom(b));
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public long elements() {
        return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    }
}
