package org.effnas.worker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class RmsPropMomentumTest {

    @Test
    void followsTensorFlowOnesRmsPropWithMomentum() {
        RmsPropMomentum config = new RmsPropMomentum(0.1);
        INDArray state = Nd4j.create(DataType.FLOAT, 1, 6);
        GradientUpdater<?> u = config.instantiate(state, true);
        double[] ms = {1, 1, 1};
        double[] mom = {0, 0, 0};
        double[][] grads = {{0.5, -2, 0}, {1, 1, -3}, {-0.25, 4, 2}};
        for (int step = 0; step < grads.length; step++) {
            INDArray g = Nd4j.createFromArray(grads[step]).castTo(DataType.FLOAT).reshape(3);
            u.applyUpdater(g, step, 0);
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                ms[i] = 0.9 * ms[i] + 0.1 * grads[step][i] * grads[step][i];
                mom[i] = 0.9 * mom[i] + 0.1 * grads[step][i] / Math.sqrt(ms[i] + 1e-3);
                expected[i] = mom[i];
            }
            assertArrayEquals(expected, g.toDoubleVector(), 1e-6, "update of step " + step);
        }
        // the state lives in DL4J's view array (so it is saved with the network)
        assertEquals(ms[1], state.getDouble(0, 1), 1e-6);
        assertEquals(mom[2], state.getDouble(0, 5), 1e-6);
    }

    @Test
    void scheduleDrivesTheLearningRate() {
        RmsPropMomentum config = new RmsPropMomentum(new LearningRateSchedule("cosine", 0.2, 0, 10, 5));
        assertEquals(0.2, config.getLearningRate(0, 0), 1e-12);
        assertEquals(0.1, config.getLearningRate(5, 1), 1e-12);
        assertEquals(config, config.clone());
    }
}
