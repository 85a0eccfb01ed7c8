package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.gradient.Gradient;
import org.effnas.worker.backend.NativeBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused layer must compute exactly what DL4J's batch norm followed by an activation layer does. */
class BatchNormActivationTest {

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SWISH", "RELU", "IDENTITY"})
    void matchesDl4jBatchNormThenActivation(Activation act) {
        NativeBackend.enableLayerHelpers();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 5, 7, 7).muli(4).subi(1);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 6, 5, 7, 7).subi(0.5);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, 5).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, 1, 5).subi(0.5);
        INDArray runMean = Nd4j.rand(DataType.FLOAT, 1, 5);
        INDArray runVar = Nd4j.rand(DataType.FLOAT, 1, 5).addi(1);

        ComputationGraph reference = graph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(7, 7, 5))
                .addLayer("bn", new BatchNormalization.Builder().decay(0.9).eps(1e-3).useLogStd(false).build(), "in")
                .addLayer("act", new ActivationLayer.Builder().activation(act).build(), "bn")
                .setOutputs("act").build());
        ComputationGraph fused = graph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(7, 7, 5))
                .addLayer("bn", new BatchNormActivation("bn", 0.9, 1e-3, act.getActivationFunction()), "in")
                .setOutputs("bn").build());
        for (ComputationGraph g : new ComputationGraph[] {reference, fused}) {
            Layer bn = g.getLayer("bn");
            bn.getParam("gamma").assign(gamma);
            bn.getParam("beta").assign(beta);
            bn.getParam("mean").assign(runMean);
            bn.getParam("var").assign(runVar);
        }
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        Layer refBn = reference.getLayer("bn");
        Layer refAct = reference.getLayer("act");
        Layer ours = fused.getLayer("bn");

        // training mode: batch statistics
        refBn.setInput(x.dup(), none);
        INDArray refZ = refBn.activate(true, none);
        refAct.setInput(refZ.dup(), none);
        INDArray refY = refAct.activate(true, none);
        ours.setInput(x.dup(), none);
        INDArray y = ours.activate(true, none);
        assertClose(refY, y, "training output");

        Pair<Gradient, INDArray> refActGrad = refAct.backpropGradient(eps.dup(), none);
        Pair<Gradient, INDArray> refGrad = refBn.backpropGradient(refActGrad.getSecond(), none);
        Pair<Gradient, INDArray> grad = ours.backpropGradient(eps.dup(), none);
        assertClose(refGrad.getSecond(), grad.getSecond(), "input gradient");
        for (String p : new String[] {"gamma", "beta"}) {
            assertClose(refGrad.getFirst().getGradientFor(p), grad.getFirst().getGradientFor(p), p + " gradient");
        }
        // running statistics: DL4J moves them by (1 - decay); ours by the zero-debiased rate
        double rate = BatchNormActivationLayer.runningStatisticsRate(0.9, ours.getIterationCount());
        for (String p : new String[] {"mean", "var"}) {
            assertClose(refGrad.getFirst().getGradientFor(p).div(0.1).mul(rate), grad.getFirst().getGradientFor(p),
                    p + " update");
        }

        // inference mode: running statistics
        refBn.setInput(x.dup(), none);
        refAct.setInput(refBn.activate(false, none).dup(), none);
        INDArray refInference = refAct.activate(false, none);
        ours.setInput(x.dup(), none);
        assertClose(refInference, ours.activate(false, none), "inference output");
    }

    @org.junit.jupiter.api.Test
    void runningStatisticsAreTheDebiasedMovingAverage() {
        double decay = 0.99;
        assertEquals(1.0, BatchNormActivationLayer.runningStatisticsRate(decay, 0), 1e-12, "first step takes the batch");
        // after n steps of batches b_1..b_n the running value equals sum (1-d) d^(n-i) b_i / (1 - d^n)
        double[] batches = {3, -1, 4, 1, 5, 9, 2, 6};
        double running = 1.0; // DL4J's initial variance
        double ema = 0;
        for (int i = 0; i < batches.length; i++) {
            running += (batches[i] - running) * BatchNormActivationLayer.runningStatisticsRate(decay, i);
            ema = decay * ema + (1 - decay) * batches[i];
            assertEquals(ema / (1 - Math.pow(decay, i + 1)), running, 1e-9, "step " + i);
        }
        assertEquals(1 - decay, BatchNormActivationLayer.runningStatisticsRate(decay, 5000), 1e-9);
    }

    private static ComputationGraph graph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.initGradientsView();
        return g;
    }

    /** Equal to float rounding: max difference within 2e-4 of the largest expected magnitude. */
    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual.reshape(expected.shape())).amaxNumber().doubleValue();
        assertTrue(diff <= 2e-4 * scale + 1e-6, what + ": max difference " + diff + " (scale " + scale + ")");
    }
}
