package org.effnas.worker.graph;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of an identity residual with drop-connect (stochastic depth) on the residual
 * branch, as the official EfficientNet code does it: while training, each example keeps its
 * branch (input 0) with probability {@code 1 - dropRate}, scaled by {@code 1 / keep}, and the
 * shortcut (input 1) is always added. At inference the output is branch + shortcut.
 */
public class ResidualVertex extends TwoInputVertex {

    private double dropRate;

    /** For DL4J's JSON (de)serialisation. */
    public ResidualVertex() {
    }

    public ResidualVertex(double dropRate) {
        if (!(dropRate >= 0 && dropRate < 1)) {
            throw new IllegalArgumentException("drop-connect rate must be in [0, 1), got " + dropRate);
        }
        this.dropRate = dropRate;
    }

    public double getDropRate() {
        return dropRate;
    }

    public void setDropRate(double dropRate) {
        this.dropRate = dropRate;
    }

    @Override
    public ResidualVertex clone() {
        return new ResidualVertex(dropRate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidualVertex r && r.dropRate == dropRate;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(dropRate);
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
            int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new ResidualGraphVertex(graph, name, idx, dropRate, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !inputs[0].equals(inputs[1])) {
            throw new InvalidInputTypeException("residual: branch and shortcut must have the same shape, got "
                    + java.util.Arrays.toString(inputs));
        }
        return inputs[0];
    }

    @Override
    public String toString() {
        return "ResidualVertex(dropRate=" + dropRate + ")";
    }
}
