package org.effnas.worker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.data.SplitName;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.train.Preprocessing;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every built-in architecture, exported and run by ONNX Runtime, gives DL4J's logits on 64 real
 * Fashion-MNIST test images at 28 and 32 px, with 1 and 3 input channels (3: the grey image
 * replicated), random weights and non-trivial batch-norm parameters and statistics.
 */
class OnnxParityTest {

    /**
     * Tolerance on logits where the network is numerically tame: both engines compute in float32 but
     * in a different order (ONNX Runtime folds batch norm into the convolution weights, and each has
     * its own convolution and GEMM kernels), so each logit carries rounding of float32's 6e-8
     * relative step times the depth and fan-in; measured ~1e-6 on effnas-mini and MnasNet-A1.
     */
    static final double TOLERANCE = 1e-4;

    /**
     * A deep random network amplifies rounding: B1..B7 have 16-55 blocks whose SE gates and
     * batch norms of near-constant channels multiply small differences. How much a given network
     * amplifies is measured on ONNX Runtime alone, as the difference between running the exported
     * graph unoptimised and optimised (the same arithmetic in another order). DL4J may differ from
     * ONNX Runtime by at most {@value #FLOOR_FACTOR} times that, and never less strictly than
     * {@link #TOLERANCE}; a wrongly exported op gives differences of the order of the logits.
     */
    static final double FLOOR_FACTOR = 4;

    /** Networks whose full 2 x 2 matrix would take the test over its time budget. */
    static final java.util.Set<String> LARGE = java.util.Set.of("efficientnet-b4", "efficientnet-b5",
            "efficientnet-b6", "efficientnet-b7");

    /**
     * Every built-in with 1 and 3 channels. effnas-mini, MnasNet-A1 and B0 each at 28 and 32 px;
     * B1..B7 at 28 px with 1 channel and at 32 px with 3 channels; B4..B7 (18-64 M parameters) with
     * one block per stage (their own
     * widths, kernels, strides, SE and head): at full depth they take the class past five minutes
     * on two cores, and B7's random 55 blocks amplify rounding so far (ONNX Runtime differs from
     * itself by 0.06 between unoptimised and optimised runs) that no comparison could be strict.
     */
    static Stream<Arguments> architectures() {
        List<Arguments> all = new ArrayList<>();
        for (String name : Architectures.names()) {
            if (!name.matches(System.getProperty("parity.only", ".*"))) {
                continue;
            }
            for (int channels : new int[] {1, 3}) {
                List<Integer> sizes = !name.startsWith("efficientnet-b") || name.equals("efficientnet-b0")
                        ? List.of(28, 32) : List.of(channels == 1 ? 28 : 32);
                all.add(Arguments.of(name, channels, sizes));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1} channel(s) at {2} px")
    @MethodSource("architectures")
    void ortLogitsMatchDl4j(String arch, int channels, List<Integer> sizes, @TempDir Path dir) {
        ArchSpec spec = Architectures.get(arch).withInput(sizes.get(0), channels, 10);
        if (LARGE.contains(arch)) {
            spec = spec.withStem(spec.stem(), spec.stages().stream()
                    .map(st -> st.withFiltersAndRepeats(st.inputFilters(), st.outputFilters(), 1)).toList(), spec.head());
        }
        ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(7));
        ParityCheck.randomiseBatchNorm(net, 11);
        for (int resolution : sizes) {
            ParityCheck.measureBatchNorm(net, resolution, channels);
            // the same weights run at both sizes: convolutions and global pooling do not fix the input size
            assertParity(arch + " @" + resolution + "px x" + channels, net,
                    ParityCheck.preprocessing(resolution, channels), dir.resolve(resolution + ".onnx"));
        }
    }

    /** Exports {@code net}, runs both engines on the 64 test images and checks logits, top-1 and probabilities. */
    static void assertParity(String what, ComputationGraph net, Preprocessing pre, Path file) {
        int n = ParityCheck.IMAGES;
        int r = pre.resolution();
        int c = pre.channels();
        long start = System.nanoTime();
        ExportedModel exported = OnnxExport.write(net, pre, null, null, ExportOptions.defaults(), file);
        float[] x = ParityCheck.images(SplitName.TEST, r, c, n);
        float[][] dl4j = ParityCheck.dl4jLogits(net, x, n, c, r, 16);
        float[][] ort;
        float[][] ortProbabilities;
        try (OnnxRuntimeModel model = OnnxRuntimeModel.load(exported.file(), 0)) {
            ort = model.logits(x, n, c, r);
            ortProbabilities = model.run(x, n, c, r, GraphExporter.PROBABILITIES);
        }
        float[][] plain;
        try (OnnxRuntimeModel model = OnnxRuntimeModel.load(exported.file(), 0, false)) {
            plain = model.logits(x, n, c, r);
        }
        double floor = ParityCheck.maxAbsDiff(plain, ort);
        double tolerance = Math.max(TOLERANCE, FLOOR_FACTOR * floor);
        double diff = ParityCheck.maxAbsDiff(dl4j, ort);
        System.out.printf("parity %-30s max |dlogit| %.2e, ORT's own rounding %.2e (max |logit| %.2f), %d nodes,"
                + " %d params, %.1f s%n", what, diff, floor, ParityCheck.maxAbs(dl4j), exported.nodes(),
                exported.parameters(), (System.nanoTime() - start) / 1e9);
        assertTrue(floor <= 0.05, what + ": the network is too ill-conditioned for a parity check: ONNX Runtime"
                + " alone differs by " + floor + " between unoptimised and optimised runs");
        assertTrue(diff <= tolerance, what + ": max |logit difference| " + diff + " > " + tolerance
                + " (ONNX Runtime's own rounding on this network: " + floor + ")");
        for (int i = 0; i < n; i++) {
            assertEquals(ParityCheck.argmax(dl4j[i]), ParityCheck.argmax(ort[i]), what + ": top-1 of image " + i);
        }
        INDArray probabilities = net.outputSingle(false, Nd4j.create(x, n, c, r, r));
        float[][] dl4jProbabilities = new float[n][];
        for (int i = 0; i < n; i++) {
            dl4jProbabilities[i] = probabilities.getRow(i).toFloatVector();
        }
        assertTrue(ParityCheck.maxAbsDiff(dl4jProbabilities, ortProbabilities) <= tolerance,
                what + ": probabilities differ by " + ParityCheck.maxAbsDiff(dl4jProbabilities, ortProbabilities));
    }
}
