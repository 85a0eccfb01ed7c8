package org.effnas.worker.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.effnas.cost.CostModel;
import org.effnas.reference.Architectures;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.batchnorm.BatchNormActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every spec translates to a network with exactly the cost model's trainable parameters, and the right helpers. */
class GraphTranslatorTest {

    private static final int[] RESOLUTIONS = {28, 32, 64};
    private static final int[] CHANNELS = {1, 3};

    static Stream<Arguments> references() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : Architectures.names()) {
            for (int r : RESOLUTIONS) {
                for (int c : CHANNELS) {
                    cases.add(Arguments.of(name, r, c));
                }
            }
        }
        return cases.stream();
    }

    /** 25 seeded random genotypes from each of mnasnet and mnasnet-small, cycling over resolutions and channels. */
    static Stream<Arguments> randomGenotypes() {
        List<Arguments> cases = new ArrayList<>();
        int i = 0;
        for (String space : List.of("mnasnet", "mnasnet-small")) {
            SearchSpace s = SearchSpaces.builtin(space);
            Random rng = new Random(42);
            for (int k = 0; k < 25; k++, i++) {
                ArchSpec spec = s.decode(s.random(rng));
                cases.add(Arguments.of(space + "#" + k, spec, RESOLUTIONS[i % 3], CHANNELS[(i / 3) % 2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} at {1}px, {2} channels")
    @MethodSource("references")
    void referenceParamsEqualCostModel(String name, int resolution, int channels) {
        ArchSpec spec = Architectures.get(name).withInput(resolution, channels, 10);
        assertParamsMatch(spec);
    }

    @ParameterizedTest(name = "{0} at {2}px, {3} channels")
    @MethodSource("randomGenotypes")
    void randomGenotypeParamsEqualCostModel(String name, ArchSpec spec, int resolution, int channels) {
        assertParamsMatch(spec.withInput(resolution, channels, 10));
    }

    private static void assertParamsMatch(ArchSpec spec) {
        // parameters allocated but not randomly initialised: B7 has 66M of them, and only their count matters here
        ComputationGraphConfiguration conf = GraphTranslator.configuration(spec, GraphOptions.defaults(1));
        long size = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex layer) {
                size += layer.getLayerConf().getLayer().initializer().numParams(layer.getLayerConf());
            }
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init(Nd4j.zeros(DataType.FLOAT, 1, size), false);
        assertEquals(CostModel.of(spec).params(), TrainableParams.trainableParams(net),
                "trainable params of " + spec.stages().size() + "-stage spec at " + spec.resolution() + "px");
        // DL4J's own count also has the running mean and variance of every batch norm
        long bnStatistics = 0;
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormActivation) {
                bnStatistics += 2 * l.getParam("mean").length();
            }
        }
        assertEquals(net.numParams(), TrainableParams.trainableParams(net) + bnStatistics);
        net.close();
    }

    @Test
    void effnasMiniHasTheDocumentedSizeAndOutputShape() {
        ArchSpec mini = Architectures.get("effnas-mini");
        ComputationGraph net = GraphTranslator.build(mini, GraphOptions.defaults(3));
        assertEquals(233_622, TrainableParams.trainableParams(net));
        var out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28));
        assertEquals(List.of(4L, 10L), List.of(out.size(0), out.size(1)));
        assertEquals(4.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    }

    @Test
    void oneDnnHelpersAreAttached() {
        assertTrue(NativeBackend.oneDnnActive(), "the oneDNN build of ND4J must be the one loaded");
        ComputationGraph net = GraphTranslator.build(Architectures.get("effnas-mini"), GraphOptions.defaults(1));
        int convolutions = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof ConvolutionLayer conv && !(l instanceof DepthwiseConvolution2DLayer)) {
                // DL4J has no helper for depthwise conv: libnd4j's oneDNN op runs it directly
                assertInstanceOf(MKLDNNConvHelper.class, conv.getHelper(), l.conf().getLayer().getLayerName());
                convolutions++;
            }
        }
        assertTrue(convolutions >= 10, "effnas-mini has " + convolutions + " plain convolutions");
    }
}
