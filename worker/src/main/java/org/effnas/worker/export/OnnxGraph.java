package org.effnas.worker.export;

import java.util.List;

/**
 * An exported graph (ONNX {@code GraphProto}): nodes in topological order, their constant
 * tensors, and the graph's inputs and outputs.
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, List<OnnxTensor> initializers,
                        List<OnnxValueInfo> inputs, List<OnnxValueInfo> outputs) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** How many nodes run operator {@code opType} (tests and the export summary). */
    public long count(String opType) {
        return nodes.stream().filter(n -> n.opType().equals(opType)).count();
    }

    /** Total number of constant values (weights and batch-norm statistics). */
    public long parameters() {
        return initializers.stream().filter(t -> t.dataType() == OnnxTensor.FLOAT).mapToLong(OnnxTensor::elements).sum();
    }
}
