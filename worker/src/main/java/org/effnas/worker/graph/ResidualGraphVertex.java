package org.effnas.worker.graph;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime side of {@link ResidualVertex}: out = shortcut + branch * mask[n] / keep. */
final class ResidualGraphVertex extends ParameterFreeGraphVertex {

    private static final int[] BATCH = {0};

    private final double dropRate;
    /** Per-example scale of the branch from the last training forward pass; null = all ones. */
    private INDArray branchScale;

    ResidualGraphVertex(ComputationGraph graph, String name, int index, double dropRate, DataType dataType) {
        super(graph, name, index, dataType);
        this.dropRate = dropRate;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray branch = inputs[0];
        INDArray shortcut = inputs[1];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, branch.dataType(), branch.shape(), 'c');
        branchScale = null;
        if (training && dropRate > 0) {
            double keep = 1 - dropRate;
            // the scale lives in the activations workspace, which survives until backprop is done
            INDArray scale = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, branch.dataType(),
                    new long[] {branch.size(0)}, 'c');
            Nd4j.getExecutioner().exec(new BernoulliDistribution(scale, keep), Nd4j.getRandom());
            scale.divi(keep);
            branchScale = scale;
            Nd4j.getExecutioner().exec(new BroadcastMulOp(branch, scale, out, BATCH));
            out.addi(shortcut);
        } else {
            Nd4j.getExecutioner().exec(new AddOp(branch, shortcut, out));
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray dShortcut = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        INDArray dBranch;
        if (branchScale == null) {
            dBranch = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        } else {
            dBranch = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                    epsilon.shape(), 'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, branchScale, dBranch, BATCH));
        }
        return new Pair<>(null, new INDArray[] {dBranch, dShortcut});
    }

    @Override
    public void clearVertex() {
        super.clearVertex();
        branchScale = null;
    }

    @Override
    public String toString() {
        return "ResidualGraphVertex(" + vertexName + ", dropRate=" + dropRate + ")";
    }
}
