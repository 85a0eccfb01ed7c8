package org.effnas.worker.nhwc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.eval.Precision;
import org.effnas.reference.Architectures;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.train.LearningRateSchedule;
import org.effnas.worker.train.RmsPropMomentum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The NHWC engine's trained state, copied into effnas's DL4J graph, computes what the engine computes, on
 * every built-in architecture, and the engine takes the graph's initial weights back exactly; and one step
 * of its optimizer and weight decay moves the weights as DL4J's does.
 */
class GraphWeightsTest {

    static List<String> architectures() {
        return Architectures.names();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void theCopiedGraphGivesTheEnginesOutputs(String name) {
        // the layouts do not depend on the resolution, so a small one keeps the nets quick
        assertSameOutputs(name, Architectures.get(name).withResolution(16), 2);
    }

    @Test
    void everyBlockOpCopies() {
        assertSameOutputs("every op", NhwcNetworkTest.EVERY_OP, 4);
    }

    private static void assertSameOutputs(String name, ArchSpec spec, int batch) {
        float[] images = gaussian(batch * spec.inChannels() * spec.resolution() * spec.resolution(), 3);
        // no optimizer state: the graph only infers
        ComputationGraph graph = GraphTranslator.build(spec, GraphOptions.of(5, new NoOp(), 0));
        try (NhwcNetwork net = NhwcNetwork.of(spec, batch, Precision.F32, 11)) {
            INDArray initial = graph.params().dup();
            GraphWeights.load(graph, net);
            GraphWeights.copy(net, graph);
            // copy is checked against the engine's outputs below, so load, its inverse, put every value in place
            assertEquals(initial, graph.params(), name + ": the engine holds the graph's initial weights");
            int[] labels = new int[batch];
            for (int n = 0; n < batch; n++) {
                labels[n] = n % spec.classes();
            }
            // two steps move every array and the running statistics off their initial values
            net.fit(images, labels);
            net.fit(images, labels);
            float[] logits = net.logits(images);
            GraphWeights.copy(net, graph);
            INDArray probabilities = graph.outputSingle(false, Nd4j.create(images,
                    new long[] {batch, spec.inChannels(), spec.resolution(), spec.resolution()}, 'c'));
            int classes = spec.classes();
            for (int n = 0; n < batch; n++) {
                double[] p = softmax(logits, n * classes, classes);
                for (int k = 0; k < classes; k++) {
                    assertEquals(p[k], probabilities.getDouble(n, k), 2e-4 + 2e-3 * p[k],
                            name + " image " + n + " class " + k);
                }
            }
        }
    }

    /** {@link NhwcNetworkTest#EVERY_OP} in ReLU, whose oneDNN form takes a negative slope that must be 0. */
    static final ArchSpec EVERY_OP_RELU = ArchSpec.of(8, 2, 3, NhwcNetworkTest.EVERY_OP.stem(),
            NhwcNetworkTest.EVERY_OP.stages(), NhwcNetworkTest.EVERY_OP.head(), Activation.RELU, 0, 0);

    static List<ArchSpec> swishAndRelu() {
        return List.of(NhwcNetworkTest.EVERY_OP, EVERY_OP_RELU);
    }

    @ParameterizedTest
    @MethodSource("swishAndRelu")
    void oneStepOfRmsPropWithWeightDecayAndSmoothedTargetsMovesTheWeightsAsDl4jDoes(ArchSpec spec) {
        int batch = 4;
        double rate = 0.05;
        double decay = 0.2;
        float[] images = gaussian(batch * 2 * 8 * 8, 4);
        float[] targets = new float[batch * 3];
        for (int n = 0; n < batch; n++) {
            for (int k = 0; k < 3; k++) {
                targets[n * 3 + k] = (k == n % 3 ? 0.9f : 0f) + 0.1f / 3;
            }
        }
        try (NhwcNetwork net = NhwcNetwork.of(spec, batch, Precision.F32, 13, rate,
                NhwcUpdate.of("rmsprop", decay))) {
            ComputationGraph dl4j = GraphTranslator.build(spec, GraphOptions.of(5,
                    new RmsPropMomentum(new LearningRateSchedule("constant", rate, 0, 10, 10)), decay));
            GraphWeights.copy(net, dl4j);
            ComputationGraph start = GraphTranslator.build(spec, GraphOptions.defaults(5));
            GraphWeights.copy(net, start);
            net.fit(images, targets);
            dl4j.fit(new DataSet(Nd4j.create(images, new long[] {batch, 2, 8, 8}, 'c'),
                    Nd4j.create(targets, new long[] {batch, 3}, 'c')));
            ComputationGraph stepped = GraphTranslator.build(spec, GraphOptions.defaults(5));
            GraphWeights.copy(net, stepped);
            int compared = 0;
            for (Layer layer : dl4j.getLayers()) {
                for (String key : List.of("W", "b", "gamma", "beta")) {
                    INDArray theirs = layer.paramTable().get(key);
                    if (theirs == null) {
                        continue;
                    }
                    INDArray ours = stepped.getLayer(layer.getConfig().getLayerName()).getParam(key);
                    double moved = theirs.distance2(start.getLayer(layer.getConfig().getLayerName()).getParam(key));
                    double apart = theirs.distance2(ours);
                    assertTrue(apart <= 1e-3 * Math.max(moved, 1e-3), layer.getConfig().getLayerName() + "_" + key
                            + ": the engine's step is " + apart + " from DL4J's, which moved " + moved);
                    compared++;
                }
            }
            assertTrue(compared > 20, "compared " + compared + " arrays");
        }
    }

    @Test
    void aGraphOfAnotherSpecIsRefused() {
        try (NhwcNetwork net = NhwcNetwork.of(NhwcNetworkTest.EVERY_OP, 2, Precision.F32, 1)) {
            ComputationGraph other = GraphTranslator.build(Architectures.get("effnas-mini").withResolution(32),
                    GraphOptions.defaults(1));
            assertThrows(IllegalArgumentException.class, () -> GraphWeights.copy(net, other));
        }
    }

    private static float[] gaussian(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double[] softmax(float[] z, int offset, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, z[offset + k]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(z[offset + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
