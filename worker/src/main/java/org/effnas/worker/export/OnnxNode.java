package org.effnas.worker.export;

import java.util.List;

/**
 * One operator of the exported graph (ONNX {@code NodeProto}, default domain).
 *
 * @param opType     the ONNX operator, e.g. {@code Conv}
 * @param name       unique node name (the DL4J vertex it came from, plus a suffix where one vertex
 *                   becomes several nodes)
 * @param inputs     input value names, in the operator's order
 * @param outputs    output value names
 * @param attributes the operator's attributes
 */
public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public static OnnxNode of(String opType, String name, List<String> inputs, String output,
                              OnnxAttribute... attributes) {
        return new OnnxNode(opType, name, inputs, List.of(output), List.of(attributes));
    }
}
