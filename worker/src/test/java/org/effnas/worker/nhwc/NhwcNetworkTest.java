package org.effnas.worker.nhwc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.effnas.cost.CostModel;
import org.effnas.eval.Precision;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The NHWC engine's structure and its gradients, on every built-in architecture and on a net of every block op. */
class NhwcNetworkTest {

    /** One block of each op, SE and the identity residual included, on 8x8 inputs: small enough to check by hand. */
    static final ArchSpec EVERY_OP = ArchSpec.of(8, 2, 3, BlockStrings.parseStem("k3_s1_o8"), List.of(
                    Stage.mbconv(1, 3, 1, 1, 8, 8, 0.25),
                    Stage.mbconv(1, 5, 2, 3, 8, 12, 0.25),
                    Stage.of(SeparableConv.of(), 1, 3, 1, 12, 12, 0.25, true),
                    Stage.of(PlainConv.of(), 1, 3, 1, 12, 16, 0.5, true)),
            BlockStrings.parseHead("o16"), Activation.SWISH, 0, 0);

    static List<String> architectures() {
        return Architectures.names();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void trainableParametersEqualTheCostModel(String name) {
        // the count does not depend on the resolution, so a small one keeps the activations small
        ArchSpec spec = Architectures.get(name).withResolution(32);
        NhwcNetwork net = NhwcNetwork.of(spec, 2, Precision.F32, 1);
        assertEquals(CostModel.of(spec).params(), net.params(), name);
    }

    @Test
    void everyBlockOpMatchesTheCostModel() {
        assertEquals(CostModel.of(EVERY_OP).params(), NhwcNetwork.of(EVERY_OP, 4, Precision.F32, 1).params());
    }

    @Test
    void gradientsMatchCentralDifferencesOfTheLoss() {
        assertGradientsMatch(EVERY_OP);
    }

    @Test
    void gradientsMatchThroughFixedDropoutAndDropConnectMasks() {
        // drop-connect grows with the block index, so the separable block's residual (index 2 of 4) gets 0.25
        assertGradientsMatch(EVERY_OP.withRegularisation(0.5, 0.5));
    }

    private static void assertGradientsMatch(ArchSpec spec) {
        int batch = 4;
        NhwcNetwork net = NhwcNetwork.of(spec, batch, Precision.F32, 3);
        net.drawMasks();
        float[] images = new float[batch * 2 * 8 * 8];
        Random random = new Random(5);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = {0, 1, 2, 1};
        net.lossAndGradients(images, labels);
        List<NhwcParameter> params = net.parameters();
        int checked = 0;
        // every trainable array, at its largest gradient entry (the best-conditioned difference)
        for (int p = 0; p < params.size(); p++) {
            NhwcParameter param = params.get(p);
            int at = 0;
            for (int i = 0; i < param.size(); i++) {
                if (Math.abs(param.grads.get(i)) > Math.abs(param.grads.get(at))) {
                    at = i;
                }
            }
            float analytic = param.grads.get(at);
            if (Math.abs(analytic) < 1e-3) {
                continue; // a vanishing gradient says nothing against float32 rounding
            }
            float w = param.values.get(at);
            float h = 1e-2f;
            param.values.put(at, w + h);
            double up = net.lossAndGradients(images, labels);
            param.values.put(at, w - h);
            double down = net.lossAndGradients(images, labels);
            param.values.put(at, w);
            net.lossAndGradients(images, labels);
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic, 0.01 * Math.abs(numeric) + 1e-4,
                    "parameter array " + p + " of " + params.size() + ", entry " + at);
            checked++;
        }
        assertTrue(checked >= params.size() / 2, "checked " + checked + " of " + params.size() + " arrays");
    }

    @Test
    void inferenceLeavesDropoutAndDropConnectOut() {
        NhwcNetwork net = NhwcNetwork.of(EVERY_OP.withRegularisation(0.5, 0.5), 4, Precision.F32, 3);
        float[] images = new float[4 * 2 * 8 * 8];
        Random random = new Random(8);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = {0, 1, 2, 1};
        for (int i = 0; i < 5; i++) {
            net.fit(images, labels);
        }
        assertArrayEquals(net.predict(images), net.predict(images), "no mask is drawn in inference");
        net.drawMasks();
        double first = net.lossAndGradients(images, labels);
        net.drawMasks();
        assertNotEquals(first, net.lossAndGradients(images, labels), 1e-9, "each draw masks other values");
    }

    @Test
    void theSameSeedGivesTheSameLossesAndAnotherSeedOthers() {
        float[] images = new float[4 * 2 * 8 * 8];
        Random random = new Random(7);
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = {2, 0, 1, 0};
        double[] a = losses(NhwcNetwork.of(EVERY_OP, 4, Precision.F32, 9), images, labels);
        double[] b = losses(NhwcNetwork.of(EVERY_OP, 4, Precision.F32, 9), images, labels);
        double[] c = losses(NhwcNetwork.of(EVERY_OP, 4, Precision.F32, 10), images, labels);
        assertEquals(a[0], b[0], 1e-6);
        assertEquals(a[2], b[2], 1e-6);
        assertNotEquals(a[0], c[0], 1e-6);
        assertTrue(a[2] < a[0], "three Adam steps on one batch lower its loss: " + a[0] + " -> " + a[2]);
    }

    private static double[] losses(NhwcNetwork net, float[] images, int[] labels) {
        return new double[] {net.fit(images, labels), net.fit(images, labels), net.fit(images, labels)};
    }

    @Test
    void aBatchOfAnotherSizeOrABadLabelIsRefusedBeforeAnythingChanges() {
        NhwcNetwork net = NhwcNetwork.of(EVERY_OP, 4, Precision.F32, 1);
        float[] images = new float[4 * 2 * 8 * 8];
        float before = net.parameters().get(0).values.get(0);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> net.fit(new float[3 * 2 * 8 * 8], new int[3]));
        assertTrue(size.getMessage().contains("batches of 4"), size.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> net.fit(images, new int[] {0, 1, 3, 0}));
        assertTrue(label.getMessage().contains("label 3 of image 2"), label.getMessage());
        assertEquals(before, net.parameters().get(0).values.get(0));
        assertThrows(IllegalArgumentException.class, () -> NhwcNetwork.of(EVERY_OP, 0, Precision.F32, 1));
    }

    @Test
    void precisionNamesParseAndAnUnknownOneIsNamed() {
        assertEquals(Precision.BF16, Precision.parse("bf16"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("'fp16'") && e.getMessage().contains("f32, bf16"), e.getMessage());
    }
}
