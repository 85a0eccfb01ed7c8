package org.effnas.worker.graph;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime side of {@link ChannelScaleVertex}: out[n,c,h,w] = x[n,c,h,w] * s[n,c]. */
final class ChannelScaleGraphVertex extends ParameterFreeGraphVertex {

    private static final int[] BATCH_AND_CHANNEL = {0, 1};
    private static final int[] SPATIAL = {2, 3};

    ChannelScaleGraphVertex(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        INDArray s = inputs[1];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, s, out, BATCH_AND_CHANNEL));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        INDArray s = inputs[1];
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, s, dx, BATCH_AND_CHANNEL));
        INDArray ds;
        // d out / d s[n,c] = sum over h,w of eps * x; the product is a scratch array
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATION_GRAD)) {
            INDArray product = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
            Nd4j.getExecutioner().exec(new MulOp(epsilon, x, product));
            ds = product.sum(SPATIAL);
        }
        return new Pair<>(null, new INDArray[] {dx, ds.reshape(s.shape())});
    }

    @Override
    public String toString() {
        return "ChannelScaleGraphVertex(" + vertexName + ")";
    }
}
