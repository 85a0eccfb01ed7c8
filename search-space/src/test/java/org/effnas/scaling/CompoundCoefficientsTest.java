package org.effnas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompoundCoefficientsTest {

    @Test
    void efficientNetCoefficientsRoughlyDoubleFlopsPerPhi() {
        assertEquals(1.2 * 1.1 * 1.1 * 1.15 * 1.15, CompoundCoefficients.EFFICIENTNET.nominalFlopsRatio(), 1e-12);
        assertEquals(1.92, CompoundCoefficients.EFFICIENTNET.nominalFlopsRatio(), 0.01);
    }

    @Test
    void atPhiRaisesEachCoefficient() {
        ScalingFactors f = CompoundCoefficients.of(1.2, 1.1, 1.15).at(2);
        assertEquals(1.44, f.depth(), 1e-12);
        assertEquals(1.21, f.width(), 1e-12);
        assertEquals(1.3225, f.resolution(), 1e-12);
        assertEquals(ScalingFactors.NONE, CompoundCoefficients.of(1.2, 1.1, 1.15).at(0));
        assertEquals(f.nominalFlopsRatio(), CompoundCoefficients.of(1.2, 1.1, 1.15).nominalFlopsRatio(2), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 1.1, 1.15, alpha", "1.2, 0.5, 1.15, beta", "1.2, 1.1, 0, gamma", "NaN, 1.1, 1.1, alpha"})
    void coefficientBelowOneIsBadInputNamingIt(double a, double b, double g, String name) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> CompoundCoefficients.of(a, b, g));
        assertTrue(ex.getMessage().startsWith(name + ": must be a finite number >= 1"), ex.getMessage());
        assertTrue(!ex.getMessage().contains("\n"));
    }

    @Test
    void infinitePhiIsBadInput() {
        assertThrows(InvalidInputException.class, () -> CompoundCoefficients.EFFICIENTNET.at(Double.POSITIVE_INFINITY));
    }
}
