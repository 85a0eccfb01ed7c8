package org.effnas.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.scaling.CompoundCoefficients;
import org.junit.jupiter.api.Test;

class CoefficientGridTest {

    @Test
    void thePapersGridHas109FeasibleTriplesInExactArithmetic() {
        CoefficientGrid g = CoefficientGrid.defaults();
        assertEquals(21, g.values().size());
        assertEquals(1.15, g.values().get(3));
        assertEquals(2.0, g.values().get(20));
        List<CompoundCoefficients> triples = g.triples();
        // 109 with exact decimals (checked with Python fractions); (1.9, 1, 1) sits exactly on |r - 2| = 0.1
        assertEquals(109, triples.size());
        assertTrue(triples.contains(CompoundCoefficients.of(1.9, 1.0, 1.0)));
        for (CompoundCoefficients c : triples) {
            assertTrue(Math.abs(c.nominalFlopsRatio() - 2) <= 0.1 + 1e-12, c.toString());
        }
        assertTrue(triples.contains(CompoundCoefficients.of(1.2, 1.1, 1.15)), "the paper's winner is on the grid");
        // enumeration order: alpha, then beta, then gamma
        for (int i = 1; i < triples.size(); i++) {
            CompoundCoefficients a = triples.get(i - 1);
            CompoundCoefficients b = triples.get(i);
            assertTrue(a.alpha() < b.alpha() || a.alpha() == b.alpha() && (a.beta() < b.beta()
                    || a.beta() == b.beta() && a.gamma() < b.gamma()));
        }
    }

    @Test
    void aCapKeepsTheTriplesNearestTheConstraint() {
        List<CompoundCoefficients> all = CoefficientGrid.defaults().triples();
        List<CompoundCoefficients> ten = CoefficientGrid.of(0.05, 2.0, 0.1, 10).triples();
        assertEquals(10, ten.size());
        double worstKept = ten.stream().mapToDouble(c -> Math.abs(c.nominalFlopsRatio() - 2)).max().orElseThrow();
        long closerLeftOut = all.stream().filter(c -> !ten.contains(c))
                .filter(c -> Math.abs(c.nominalFlopsRatio() - 2) < worstKept - 1e-12).count();
        assertEquals(0, closerLeftOut);
        assertTrue(CoefficientGrid.of(0.1, 2.0, 0.1, 0).triples().size() < all.size(), "a coarser step has fewer");
    }

    @Test
    void noFeasibleTripleIsBadInputNamingStepToleranceAndMaxNeutrally() {
        // the core names the settings; the CLI says --step, a config grid.step
        org.effnas.InvalidSettingException e = assertThrows(org.effnas.InvalidSettingException.class,
                () -> CoefficientGrid.of(0.5, 1.2, 0.01, 0).triples());
        assertEquals("grid step", e.setting());
        assertTrue(e.problem().contains("finer step") && e.problem().contains("larger tolerance")
                && e.problem().contains("larger max") && !e.getMessage().contains("--"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> CoefficientGrid.of(0, 2, 0.1, 0));
        assertThrows(InvalidInputException.class, () -> CoefficientGrid.of(0.05, 0.5, 0.1, 0));
        assertThrows(InvalidInputException.class, () -> CoefficientGrid.of(0.05, 2, -1, 0));
    }

    @Test
    void summaryUsesStudentsTInterval() {
        AccuracySummary s = AccuracySummary.of(List.of(0.70, 0.72, 0.74), 1);
        assertEquals(0.72, s.mean(), 1e-12);
        assertEquals(0.02, s.std(), 1e-12);
        double half = 4.302652729911275 * 0.02 / Math.sqrt(3); // t(0.975, 2)
        assertEquals(0.72 - half, s.ciLow(), 1e-9);
        assertEquals(0.72 + half, s.ciHigh(), 1e-9);
        assertEquals(1, s.failed());
        AccuracySummary one = AccuracySummary.of(List.of(0.5), 0);
        assertTrue(Double.isNaN(one.std()) && Double.isNaN(one.ciLow()));
        assertEquals(0.5, one.mean());
        assertTrue(!AccuracySummary.of(List.of(), 2).measured());
    }

    @Test
    void aFixedGridEvaluatesItsTriplesAloneInTheirOrder() {
        CompoundCoefficients wide = CompoundCoefficients.of(1.0, 1.4, 1.0);
        CoefficientGrid g = CoefficientGrid.fixed(List.of(CompoundCoefficients.EFFICIENTNET, wide));
        assertTrue(g.isFixed());
        assertEquals(List.of(CompoundCoefficients.EFFICIENTNET, wide), g.triples());
        assertTrue(!CoefficientGrid.defaults().isFixed());
        assertThrows(InvalidInputException.class, () -> CoefficientGrid.fixed(List.of()));
        assertThrows(InvalidInputException.class, () -> CoefficientGrid.fixed(List.of(wide, wide)));
    }
}
