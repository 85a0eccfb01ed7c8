package org.effnas.worker.graph;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Counts the parameters a network actually trains. DL4J's {@code numParams()} also counts batch
 * norm's running mean and variance, which are updated by averaging, not by the optimizer: DL4J
 * gives those (and anything frozen) the {@link NoOp} updater, which is the test used here.
 */
public final class TrainableParams {

    private TrainableParams() {
    }

    /** Parameters that receive gradient updates: what the cost model and the papers count. */
    public static long trainableParams(ComputationGraph net) {
        long total = 0;
        for (Layer layer : net.getLayers()) {
            TrainingConfig config = layer.getConfig();
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                if (!(config.getUpdaterByParam(e.getKey()) instanceof NoOp)) {
                    total += e.getValue().length();
                }
            }
        }
        return total;
    }
}
