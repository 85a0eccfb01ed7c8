package org.effnas.worker.graph;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the squeeze-and-excitation gate: multiplies a feature map [N,C,H,W] (input 0)
 * by per-example channel weights [N,C] (input 1), broadcasting over H and W. DL4J's
 * {@code ElementWiseVertex(Product)} refuses mismatched shapes, and a SameDiff lambda vertex
 * costs a graph execution per call; this vertex runs two native broadcast ops forward and three
 * backward.
 */
public class ChannelScaleVertex extends TwoInputVertex {

    /** For DL4J's JSON (de)serialisation. */
    public ChannelScaleVertex() {
    }

    @Override
    public ChannelScaleVertex clone() {
        return new ChannelScaleVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelScaleVertex;
    }

    @Override
    public int hashCode() {
        return ChannelScaleVertex.class.hashCode();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
            int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new ChannelScaleGraphVertex(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeConvolutional map)) {
            throw new InvalidInputTypeException("channel scale: expected a [N,C,H,W] map and [N,C] weights");
        }
        long weights = inputs[1].arrayElementsPerExample();
        if (weights != map.getChannels()) {
            throw new InvalidInputTypeException("channel scale: " + weights + " weights for "
                    + map.getChannels() + " channels");
        }
        return map;
    }

    @Override
    public String toString() {
        return "ChannelScaleVertex()";
    }
}
