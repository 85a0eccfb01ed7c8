package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.effnas.worker.batchnorm.BatchNormActivationTest.assertClose;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.effnas.worker.backend.NativeBackend;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@link BatchNormForward} kernel against the layer's composed ND4J path: the same values are fed
 * once as a dense array (the kernel runs) and once as a strided view (the ND4J fallback runs), in
 * training, precise-BN and inference mode, on maps with a constant channel and a channel whose mean
 * is a thousand times its spread, at a plane that is one kernel row and one that is more.
 */
class BatchNormForwardTest {

    private static final int N = 4;
    private static final int C = 6;
    private static final int H = 5;
    /** A plane of 65 x 65 = 4225 values: more than one kernel row (ChannelRows.MAX_ROW). */
    private static final int WIDE = 65;
    private static final double EPS = 1e-3;

    static Stream<Arguments> activationsAndSizes() {
        return Stream.of(Activation.SWISH, Activation.RELU, Activation.IDENTITY)
                .flatMap(a -> Stream.of(Arguments.of(a, H), Arguments.of(a, WIDE)));
    }

    @ParameterizedTest(name = "{0} {1}x{1}")
    @MethodSource("activationsAndSizes")
    void kernelMatchesComposedPathInEveryMode(Activation act, int h) {
        NativeBackend.enableLayerHelpers();
        // At 65 x 65 the composed ND4J path's float statistics of channel 1 (mean 1000, spread 1) drift
        // (0.4% in the variance; the kernel's stay exact: batchStatisticsAreExact...), enough to move a
        // ReLU across 0 for a few values, so the wide comparison centres that channel at 0
        INDArray x = input(h, h == H ? 1000 : 0);
        INDArray view = stridedCopy(x);
        assertTrue(BatchNormForward.supports(x));
        assertFalse(BatchNormForward.supports(view), "the view must take the fallback");
        INDArray eps = Nd4j.rand(DataType.FLOAT, N, C, h, h).subi(0.5);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        ComputationGraph fusedGraph = graph(act, h);
        ComputationGraph composedGraph = graph(act, h);
        BatchNormActivationLayer fused = (BatchNormActivationLayer) fusedGraph.getLayer("bn");
        BatchNormActivationLayer composed = (BatchNormActivationLayer) composedGraph.getLayer("bn");

        // training: output, then everything backprop derives from the saved statistics and activations
        INDArray yFused = forward(fused, x, true, true);
        INDArray yComposed = forward(composed, view, true, false);
        assertClose(yComposed, yFused, act + " training output");
        Pair<Gradient, INDArray> gFused = fused.backpropGradient(eps.dup(), none);
        Pair<Gradient, INDArray> gComposed = composed.backpropGradient(eps.dup(), none);
        assertClose(gComposed.getSecond(), gFused.getSecond(), act + " input gradient");
        for (String p : new String[] {"gamma", "beta", "mean", "var"}) {
            assertClose(gComposed.getFirst().getGradientFor(p), gFused.getFirst().getGradientFor(p),
                    act + " " + p + " gradient");
        }

        // precise BN: batch statistics, pooled into the running statistics
        fused.startPopulationStatistics();
        composed.startPopulationStatistics();
        assertClose(forward(composed, view, false, false), forward(fused, x, false, true), act + " precise-BN output");
        assertEquals(N * h * h, fused.finishPopulationStatistics());
        assertEquals(N * h * h, composed.finishPopulationStatistics());
        for (String p : new String[] {"mean", "var"}) {
            assertClose(composed.getParam(p), fused.getParam(p), act + " population " + p);
        }

        // inference: the running statistics just measured
        assertClose(forward(composed, view, false, false), forward(fused, x, false, true), act + " inference output");
    }

    @ParameterizedTest(name = "{0}x{0}")
    @ValueSource(ints = {H, WIDE})
    void batchStatisticsAreExactForConstantAndLargeMeanChannels(int h) {
        INDArray x = input(h, 1000);
        // the large-mean channel's first value 50 deviations out: sums around it must not lose digits
        x.putScalar(new long[] {0, 1, 0, 0}, 1050.0);
        float[] gamma = {1, 1, 1, 1, 1, 1};
        float[] beta = {0.5f, 0, 0, 0, 0, 0};
        double[] mean = new double[C];
        double[] var = new double[C];
        float[] invStd = new float[C];
        INDArray sig = Nd4j.createUninitialized(DataType.FLOAT, N, C, h, h);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, N, C, h, h);
        BatchNormForward.withBatchStatistics(BatchNormBackward.Activation.SWISH, x, gamma, beta, EPS,
                mean, var, invStd, sig, out);
        for (int c = 0; c < C; c++) {
            double[] v = x.get(NDArrayIndex.all(), NDArrayIndex.point(c)).dup().data().asDouble();
            double mu = 0;
            for (double d : v) {
                mu += d;
            }
            mu /= v.length;
            double ss = 0;
            for (double d : v) {
                ss += (d - mu) * (d - mu);
            }
            double expected = ss / v.length;
            assertEquals(mu, mean[c], 1e-6 * Math.max(1, Math.abs(mu)), "mean of channel " + c);
            assertEquals(expected, var[c], 1e-4 * expected, "variance of channel " + c);
            assertEquals(1 / Math.sqrt(expected + EPS), invStd[c], 1e-4 / Math.sqrt(expected + EPS), "invStd " + c);
        }
        assertEquals(0.0, var[0], "a constant channel has variance 0");
        // constant channel: z = beta everywhere, so the sigmoid and output are those of 0.5
        double s = 1 / (1 + Math.exp(-0.5));
        INDArray constantSig = sig.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        INDArray constantOut = out.get(NDArrayIndex.all(), NDArrayIndex.point(0));
        assertEquals(s, constantSig.minNumber().doubleValue(), 1e-6);
        assertEquals(s, constantSig.maxNumber().doubleValue(), 1e-6);
        assertEquals(0.5 * s, constantOut.minNumber().doubleValue(), 1e-6);
        assertEquals(0.5 * s, constantOut.maxNumber().doubleValue(), 1e-6);
    }

    /** Channel 0 constant, channel 1 around {@code largeMean} with spread 1, the rest uniform in [-1, 3). */
    private static INDArray input(int h, double largeMean) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, N, C, h, h).muli(4).subi(1);
        x.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(3.0);
        x.get(NDArrayIndex.all(), NDArrayIndex.point(1)).assign(Nd4j.randn(DataType.FLOAT, N, h, h).addi(largeMean));
        return x;
    }

    /** The same values as a channel slice of a wider array: c order, but not dense from offset 0. */
    private static INDArray stridedCopy(INDArray x) {
        INDArray wide = Nd4j.zeros(DataType.FLOAT, N, C + 2, x.size(2), x.size(3));
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, C + 1), NDArrayIndex.all(), NDArrayIndex.all());
        view.assign(x);
        return view;
    }

    private static INDArray forward(BatchNormActivationLayer layer, INDArray x, boolean training, boolean fused) {
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray y = layer.activate(training, LayerWorkspaceMgr.noWorkspaces()).dup();
        assertEquals(fused, layer.lastForwardFused(), "kernel used");
        return y;
    }

    private static ComputationGraph graph(Activation act, int h) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(h, h, C))
                .addLayer("bn", new BatchNormActivation("bn", 0.9, EPS, act.getActivationFunction()), "in")
                .setOutputs("bn").build());
        g.init();
        g.initGradientsView();
        Nd4j.getRandom().setSeed(3);
        Layer bn = g.getLayer("bn");
        bn.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, C).addi(0.5));
        bn.getParam("beta").assign(Nd4j.rand(DataType.FLOAT, 1, C).subi(0.5));
        bn.getParam("mean").assign(Nd4j.rand(DataType.FLOAT, 1, C));
        bn.getParam("var").assign(Nd4j.rand(DataType.FLOAT, 1, C).addi(1));
        return g;
    }
}
