package org.effnas.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.effnas.grid.AccuracySummary;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.junit.jupiter.api.Test;

class ScaledFamilyTest {

    @Test
    void membersGrowWithPhiAndMatchCompoundScaling() {
        var base = Architectures.get("efficientnet-b0");
        var c = CompoundCoefficients.EFFICIENTNET;
        ScaledFamily f = ScaledFamily.of("efficientnet-b0", base, c, 3, 4);
        assertEquals(4, f.members().size());
        assertEquals(BlockStrings.canonical(base), BlockStrings.canonical(f.members().get(0).spec()));
        for (int phi = 1; phi <= 3; phi++) {
            ScaledFamily.Member m = f.members().get(phi);
            assertEquals("efficientnet-b0-phi" + phi, m.name());
            assertEquals(BlockStrings.canonical(CompoundScaling.scale(base, c.at(phi), 4)), BlockStrings.canonical(m.spec()));
            assertTrue(m.cost().macs() > f.members().get(phi - 1).cost().macs());
            assertEquals(Math.pow(c.nominalFlopsRatio(), phi), m.nominalFlopsRatio(), 1e-9);
        }
        assertEquals(8, f.proposals(2).size());
        String csv = f.accuracyCsv(Map.of(BlockStrings.canonical(base), AccuracySummary.of(java.util.List.of(0.7, 0.72), 0)));
        assertTrue(csv.startsWith(ScaledFamily.COLUMNS + "\n"));
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().contains("0.710000"));
        assertEquals(5, csv.lines().count());
    }
}
