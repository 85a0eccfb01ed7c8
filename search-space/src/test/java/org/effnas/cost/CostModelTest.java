package org.effnas.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CostModelTest {

    static List<String> architectures() {
        return Architectures.names();
    }

    /** Independent figure: torchvision/timm efficientnet_b0 with 1000 classes. */
    @Test
    void efficientNetB0CountsExactlyTheTorchvisionParameters() {
        assertEquals(5_288_548, CostModel.of(Architectures.get("efficientnet-b0")).params());
    }

    /** Independent figure measured in PyTorch for the worker's benchmark network. */
    @Test
    void effnasMiniCountsExactly233622Parameters() {
        assertEquals(233_622, CostModel.of(Architectures.get("effnas-mini")).params());
    }

    /** MnasNet paper, Table 1: MnasNet-A1 has 3.9M parameters and 312M multiply-adds. */
    @Test
    void mnasnetA1MatchesThePaper() {
        Cost c = CostModel.of(Architectures.get("mnasnet-a1"));
        assertEquals(3.9e6, c.params(), 0.05e6);
        assertEquals(312e6, c.macs(), 1e6);
    }

    @Test
    void stemConvIsCountedAtItsSamePaddedOutput() {
        LayerCost stem = CostModel.of(Architectures.get("efficientnet-b0")).layers().get(0);
        assertEquals("stem.conv", stem.name());
        assertEquals("112x112x32", stem.shape());
        assertEquals(3 * 3 * 3 * 32, stem.params());
        assertEquals(112L * 112 * 32 * 3 * 3 * 3, stem.macs());
    }

    @Test
    void oddResolutionRoundsUpAtEachStride() {
        ArchSpec b0 = Architectures.get("efficientnet-b0").withResolution(225);
        Cost c = CostModel.of(b0);
        assertEquals(113, c.layers().get(0).height());
        // 225 -> 113 -> 57 -> 29 -> 15 -> 8 after the stem and the four stride-2 stages.
        LayerCost head = layer(c, "head.conv");
        assertEquals(8, head.height());
        assertEquals(8, head.width());
    }

    /** SE is sized from the block's input filters (16 -> 4), applied to the expanded channels (96). */
    @Test
    void squeezeExcitationBottleneckComesFromTheInputFilters() {
        Cost c = CostModel.of(Architectures.get("efficientnet-b0"));
        LayerCost reduce = layer(c, "stage2.block1.se_reduce");
        LayerCost expand = layer(c, "stage2.block1.se_expand");
        assertEquals(4, reduce.channels());
        assertEquals(96L * 4 + 4, reduce.params());
        assertEquals(96L * 4, reduce.macs());
        assertEquals(96, expand.channels());
        assertEquals(4L * 96 + 96, expand.params());
        // second repeat: input filters are the stage's output 24 -> bottleneck 6
        assertEquals(6, layer(c, "stage2.block2.se_reduce").channels());
    }

    @Test
    void batchNormCountsGammaAndBetaOnly() {
        Cost c = CostModel.of(Architectures.get("efficientnet-b0"));
        assertEquals(64, layer(c, "stem.bn").params());
        assertEquals(0, layer(c, "stem.bn").macs());
    }

    @Test
    void mbconvWithExpansionOneHasNoExpandConv() {
        Cost c = CostModel.of(Architectures.get("efficientnet-b0"));
        assertTrue(c.layersUnder("stage1.block1.expand").isEmpty());
        assertFalse(c.layersUnder("stage2.block1.expand").isEmpty());
    }

    @Test
    void classifierHasBias() {
        Cost c = CostModel.of(Architectures.get("efficientnet-b0"));
        LayerCost fc = layer(c, "head.fc");
        assertEquals(1280L * 1000 + 1000, fc.params());
        assertEquals(1280L * 1000, fc.macs());
    }

    @Test
    void separableAndPlainConvBlocksHaveTheirOwnLayers() {
        ArchSpec spec = ArchSpec.of(32, 3, 10, ArchSpec.DEFAULT_STEM, List.of(
                BlockStrings.parse("sep_r1_k3_s11_e1_i32_o16_se0.25", 1),
                BlockStrings.parse("conv_r1_k5_s22_e1_i16_o24", 2)), ArchSpec.DEFAULT_HEAD,
                ArchSpec.DEFAULT_ACTIVATION, 0.2, 0.2);
        Cost c = CostModel.of(spec);
        List<String> sep = c.layersUnder("stage1.").stream().map(LayerCost::name).toList();
        assertEquals(List.of("stage1.block1.dwconv", "stage1.block1.dw_bn", "stage1.block1.se_reduce",
                "stage1.block1.se_expand", "stage1.block1.pwconv", "stage1.block1.pw_bn"), sep);
        assertEquals(3 * 3 * 32, layer(c, "stage1.block1.dwconv").params());
        assertEquals(32 * 16, layer(c, "stage1.block1.pwconv").params());
        // SE bottleneck from the input filters 32 * 0.25 = 8, on the 32 depthwise channels
        assertEquals(8, layer(c, "stage1.block1.se_reduce").channels());
        LayerCost conv = layer(c, "stage2.block1.conv");
        assertEquals(5 * 5 * 16 * 24, conv.params());
        assertEquals(8, conv.height()); // 32 px -> stem (s2) 16 -> stage 2 (s2) 8
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void totalsAreTheSumsOfUniqueLayers(String name) {
        Cost c = CostModel.of(Architectures.get(name));
        assertEquals(c.params(), c.layers().stream().mapToLong(LayerCost::params).sum());
        assertEquals(c.macs(), c.layers().stream().mapToLong(LayerCost::macs).sum());
        assertEquals(c.activations(), c.layers().stream().mapToLong(LayerCost::activations).sum());
        Set<String> names = new HashSet<>();
        c.layers().forEach(l -> assertTrue(names.add(l.name()), "duplicate layer " + l.name()));
        assertTrue(c.params() > 0 && c.macs() > 0 && c.activations() > 0);
    }

    /** Every block contributes exactly one depthwise or plain conv carrying its stride. */
    @ParameterizedTest
    @MethodSource("architectures")
    void everyBlockHasOneSpatialConv(String name) {
        ArchSpec spec = Architectures.get(name);
        long spatial = CostModel.of(spec).layers().stream()
                .filter(l -> l.name().startsWith("stage"))
                .filter(l -> l.type().equals(LayerCost.DWCONV) || l.name().endsWith(".conv")).count();
        assertEquals(spec.blockCount(), spatial);
        int stride = spec.stem().stride();
        for (Stage s : spec.stages()) {
            stride *= s.stride();
        }
        assertEquals(ArchSpec.sameOutput(spec.resolution(), stride), layer(CostModel.of(spec), "head.conv").height());
    }

    static LayerCost layer(Cost c, String name) {
        return c.layers().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + name));
    }
}
