package org.effnas.worker.export;

import java.util.List;

/**
 * A graph input or output (ONNX {@code ValueInfoProto}) of element type float: its name and shape,
 * each dimension a fixed size or, where {@link #symbolic} names one, a free dimension (the batch).
 *
 * @param name     the value name
 * @param dims     the shape; an entry < 0 is the free dimension
 * @param symbolic the name of the free dimension, e.g. {@code batch}
 */
public record OnnxValueInfo(String name, List<Long> dims, String symbolic) {

    public OnnxValueInfo {
        dims = List.copyOf(dims);
    }

    /** A float value of shape [batch, dims...]. */
    public static OnnxValueInfo batched(String name, long... dims) {
        java.util.List<Long> all = new java.util.ArrayList<>();
        all.add(-1L);
        for (long d : dims) {
            all.add(d);
        }
        return new OnnxValueInfo(name, all, "batch");
    }
}
