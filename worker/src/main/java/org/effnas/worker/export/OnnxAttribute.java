package org.effnas.worker.export;

import java.util.List;

/** A node attribute of the kinds the exporter writes (ONNX {@code AttributeProto}). */
public sealed interface OnnxAttribute {

    /** The attribute's name, e.g. {@code strides}. */
    String name();

    /** A single integer (type INT). */
    record Int(String name, long value) implements OnnxAttribute {
    }

    /** A list of integers (type INTS). */
    record Ints(String name, List<Long> values) implements OnnxAttribute {
        public Ints {
            values = List.copyOf(values);
        }

        public static Ints of(String name, int... values) {
            return new Ints(name, java.util.Arrays.stream(values).mapToObj(v -> (long) v).toList());
        }
    }

    /** A single float (type FLOAT). */
    record Float(String name, float value) implements OnnxAttribute {
    }
}
