package org.effnas.worker.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serialises an {@link OnnxGraph} as an ONNX {@code ModelProto} with protobuf-java's
 * {@link CodedOutputStream}: the field numbers below are those of {@code onnx/onnx.proto} for the
 * subset of messages the exporter emits. Nested messages are built bottom-up as {@link ByteString}s
 * and written as length-delimited fields, which is how protobuf encodes an embedded message.
 */
public final class OnnxModelWriter {

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_DOMAIN = 4;
    private static final int MODEL_VERSION = 5;
    private static final int MODEL_DOC_STRING = 6;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_METADATA_PROPS = 14;
    // OperatorSetIdProto
    private static final int OPSET_VERSION = 2;
    // StringStringEntryProto
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto and its AttributeType values
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /** Who wrote the model, for {@code producer_name}. */
    public static final String PRODUCER = "effnas";

    private OnnxModelWriter() {
    }

    /** Writes the model: {@code graph} under {@code opset}, with {@code metadata} as metadata_props. */
    public static void write(OnnxGraph graph, OnnxOpset opset, Map<String, String> metadata, String docString,
                             OutputStream out) {
        try {
            CodedOutputStream o = CodedOutputStream.newInstance(out, 1 << 16);
            o.writeInt64(MODEL_IR_VERSION, opset.irVersion());
            o.writeString(MODEL_PRODUCER_NAME, PRODUCER);
            o.writeString(MODEL_PRODUCER_VERSION, producerVersion());
            o.writeString(MODEL_DOMAIN, "org.effnas");
            o.writeInt64(MODEL_VERSION, 1);
            o.writeString(MODEL_DOC_STRING, docString);
            o.writeBytes(MODEL_GRAPH, graph(graph));
            o.writeBytes(MODEL_OPSET_IMPORT, message(m -> m.writeInt64(OPSET_VERSION, opset.version())));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                o.writeBytes(MODEL_METADATA_PROPS, message(m -> {
                    m.writeString(ENTRY_KEY, e.getKey());
                    m.writeString(ENTRY_VALUE, e.getValue());
                }));
            }
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX model: " + e.getMessage(), e);
        }
    }

    private static String producerVersion() {
        String v = OnnxModelWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static ByteString graph(OnnxGraph g) throws IOException {
        return message(m -> {
            for (OnnxNode n : g.nodes()) {
                m.writeBytes(GRAPH_NODE, node(n));
            }
            m.writeString(GRAPH_NAME, g.name());
            for (OnnxTensor t : g.initializers()) {
                m.writeBytes(GRAPH_INITIALIZER, tensor(t));
            }
            for (OnnxValueInfo v : g.inputs()) {
                m.writeBytes(GRAPH_INPUT, valueInfo(v));
            }
            for (OnnxValueInfo v : g.outputs()) {
                m.writeBytes(GRAPH_OUTPUT, valueInfo(v));
            }
        });
    }

    private static ByteString node(OnnxNode n) throws IOException {
        return message(m -> {
            for (String in : n.inputs()) {
                m.writeString(NODE_INPUT, in);
            }
            for (String out : n.outputs()) {
                m.writeString(NODE_OUTPUT, out);
            }
            m.writeString(NODE_NAME, n.name());
            m.writeString(NODE_OP_TYPE, n.opType());
            for (OnnxAttribute a : n.attributes()) {
                m.writeBytes(NODE_ATTRIBUTE, attribute(a));
            }
        });
    }

    private static ByteString attribute(OnnxAttribute a) throws IOException {
        return message(m -> {
            m.writeString(ATTR_NAME, a.name());
            if (a instanceof OnnxAttribute.Int i) {
                m.writeInt64(ATTR_I, i.value());
                m.writeEnum(ATTR_TYPE, TYPE_INT);
            } else if (a instanceof OnnxAttribute.Ints is) {
                for (long v : is.values()) {
                    m.writeInt64(ATTR_INTS, v);
                }
                m.writeEnum(ATTR_TYPE, TYPE_INTS);
            } else if (a instanceof OnnxAttribute.Float f) {
                m.writeFloat(ATTR_F, f.value());
                m.writeEnum(ATTR_TYPE, TYPE_FLOAT);
            }
        });
    }

    private static ByteString tensor(OnnxTensor t) throws IOException {
        return message(m -> {
            for (long d : t.dims()) {
                m.writeInt64(TENSOR_DIMS, d);
            }
            m.writeInt32(TENSOR_DATA_TYPE, t.dataType());
            m.writeString(TENSOR_NAME, t.name());
            m.writeBytes(TENSOR_RAW_DATA, t.raw());
        });
    }

    private static ByteString valueInfo(OnnxValueInfo v) throws IOException {
        ByteString shape = message(s -> {
            for (long d : v.dims()) {
                s.writeBytes(SHAPE_DIM, message(dim -> {
                    if (d < 0) {
                        dim.writeString(DIM_PARAM, v.symbolic());
                    } else {
                        dim.writeInt64(DIM_VALUE, d);
                    }
                }));
            }
        });
        ByteString tensorType = message(t -> {
            t.writeInt32(TENSOR_TYPE_ELEM_TYPE, OnnxTensor.FLOAT);
            t.writeBytes(TENSOR_TYPE_SHAPE, shape);
        });
        return message(m -> {
            m.writeString(VALUE_NAME, v.name());
            m.writeBytes(VALUE_TYPE, message(type -> type.writeBytes(TYPE_TENSOR_TYPE, tensorType)));
        });
    }

    /** The body of one message, encoded by protobuf-java. */
    private static ByteString message(Body body) throws IOException {
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream o = CodedOutputStream.newInstance(bytes);
        body.write(o);
        o.flush();
        return bytes.toByteString();
    }

    @FunctionalInterface
    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }
}
