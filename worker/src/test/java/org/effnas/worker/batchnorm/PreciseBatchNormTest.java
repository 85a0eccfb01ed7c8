package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** After the pass, every batch-norm layer holds the exact statistics of what reaches it in inference. */
class PreciseBatchNormTest {

    private static final ArchSpec NET = ArchSpec.of(16, 1, 4, BlockStrings.parseStem("k3_s1_o8"),
            BlockStrings.parseAll(List.of("r1_k3_s11_e1_i8_o8_se0.25", "r1_k3_s22_e4_i8_o16_se0.25")),
            BlockStrings.parseHead("o32"), Activation.SWISH, 0.2, 0.2);

    @Test
    void statisticsMatchTheInputsOfEveryLayerAfterThePass() {
        Nd4j.getRandom().setSeed(3);
        ComputationGraph net = GraphTranslator.build(NET, GraphOptions.of(3, new Adam(0.05), 0));
        INDArray x = Nd4j.rand(DataType.FLOAT, 48, 1, 16, 16).muli(3).addi(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 48, 4);
        for (int i = 0; i < 48; i++) {
            y.putScalar(i, i % 4, 1);
        }
        for (int step = 0; step < 5; step++) {
            net.fit(new DataSet(x, y)); // the weights move; the running averages trail them
        }
        // Batches of 20: the pass pools 20 + 20 + 8 images. The first layer's input does not depend on
        // batch norm, so its statistics are exact; later layers saw inputs normalised per batch.
        long used = PreciseBatchNorm.recompute(net, new ListDataSetIterator<>(new DataSet(x, y).asList(), 20), 1000);
        assertEquals(48, used);
        INDArray stem = net.feedForward(x, false).get("stem");
        assertClose(stem.var(false, 0, 2, 3), net.getLayer("stem_bn").getParam("var").reshape(8), "pooled stem variance");
        // One batch of all 48: every layer's statistics are exactly those of its inference-time input.
        assertEquals(48, PreciseBatchNorm.recompute(net, new ListDataSetIterator<>(new DataSet(x, y).asList(), 48), 1000));

        Map<String, INDArray> acts = net.feedForward(x, false);
        int checked = 0;
        for (Layer l : net.getLayers()) {
            if (!(l instanceof BatchNormActivationLayer)) {
                continue;
            }
            String name = l.conf().getLayer().getLayerName();
            INDArray in = acts.get(name.substring(0, name.length() - "_bn".length()));
            INDArray mean = in.mean(0, 2, 3);
            INDArray var = in.var(false, 0, 2, 3);
            // a mean near 0 is only known to the rounding of the values it averages, so its scale is their spread
            double spread = Math.sqrt(var.maxNumber().doubleValue());
            assertClose(mean, l.getParam("mean").reshape(mean.shape()), Math.max(spread, mean.amaxNumber().doubleValue()),
                    name + " mean");
            assertClose(var, l.getParam("var").reshape(var.shape()), name + " variance");
            checked++;
        }
        assertTrue(checked >= 6, "batch-norm layers checked: " + checked);
    }

    @Test
    void zeroImagesChangesNothing() {
        ComputationGraph net = GraphTranslator.build(NET, GraphOptions.of(4, new Adam(0.01), 0));
        INDArray before = net.getLayer("stem_bn").getParam("var").dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 16, 16).muli(5);
        DataSet d = new DataSet(x, Nd4j.zeros(DataType.FLOAT, 8, 4));
        assertEquals(0, PreciseBatchNorm.recompute(net, new ListDataSetIterator<>(d.asList(), 4), 0));
        assertEquals(before, net.getLayer("stem_bn").getParam("var"));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertClose(expected, actual, expected.amaxNumber().doubleValue(), what);
    }

    private static void assertClose(INDArray expected, INDArray actual, double magnitude, String what) {
        double scale = Math.max(1e-3, magnitude);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, what + ": max |diff| " + diff + " (scale " + scale + ")\n" + expected + "\n" + actual);
    }
}
