package org.effnas.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingDimension;
import org.effnas.scaling.ScalingFactors;
import org.effnas.scaling.ScalingRules;
import org.junit.jupiter.api.Test;

class ScaledFamilyTest {

    @Test
    void membersGrowWithPhiAndMatchCompoundScaling() {
        var base = Architectures.get("efficientnet-b0");
        var c = CompoundCoefficients.EFFICIENTNET;
        ScaledFamily f = ScaledFamily.of("efficientnet-b0-phi", base, c, List.of(0.0, 1.0, 2.0, 3.0), 4);
        assertEquals(4, f.members().size());
        assertEquals(BlockStrings.canonical(base), BlockStrings.canonical(f.members().get(0).spec()));
        for (int phi = 1; phi <= 3; phi++) {
            ScaledFamily.Member m = f.members().get(phi);
            assertEquals("efficientnet-b0-phi" + phi, m.name());
            assertEquals(BlockStrings.canonical(CompoundScaling.scale(base, c.at(phi), 4)), BlockStrings.canonical(m.spec()));
            assertTrue(m.cost().macs() > f.members().get(phi - 1).cost().macs());
            assertEquals(Math.pow(c.nominalFlopsRatio(), phi), m.nominalFlopsRatio(), 1e-9);
        }
    }

    @Test
    void singleDimensionMembersScaleOneDimensionToTheSameNominalFlops() {
        var base = Architectures.get("effnas-mini");
        int divisor = ScalingRules.resolutionDivisor(base.resolution());
        assertEquals(1, divisor, "a 28-32 px base keeps every pixel");
        ScaledFamily f = ScaledFamily.range(base, CompoundCoefficients.of(1.2, 1.1, 1.15), 0, 2, divisor)
                .withSingleDimension(1, 2);
        assertEquals(List.of("B0", "B1", "B2", "D1", "W1", "R1", "D2", "W2", "R2"),
                f.members().stream().map(ScaledFamily.Member::name).toList());
        ScaledFamily.Member r2 = f.members().get(8);
        assertEquals(ScalingDimension.RESOLUTION, r2.scaling());
        assertEquals(ScalingFactors.of(1, 1, 2), r2.factors());
        assertEquals(4, r2.nominalFlopsRatio(), 1e-12);
        assertEquals(base.resolution() * 2, r2.spec().resolution());
        ScaledFamily.Member d1 = f.members().get(3);
        assertEquals(2, d1.factors().depth(), 0);
        assertEquals(CostModel.of(d1.spec()).macs(), d1.cost().macs());
        assertEquals(4, ScalingRules.resolutionDivisor(224));
    }
}
