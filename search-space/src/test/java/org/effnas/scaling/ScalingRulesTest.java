package org.effnas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingRulesTest {

    /** Values of the official round_filters (stems and heads of B0..B7 among them). */
    @ParameterizedTest
    @CsvSource({
            "32, 1.0, 32", "32, 1.1, 32", "32, 1.2, 40", "32, 1.4, 48", "32, 1.6, 48", "32, 1.8, 56",
            "32, 2.0, 64", "1280, 1.1, 1408", "1280, 1.2, 1536", "1280, 1.4, 1792", "1280, 1.6, 2048",
            "1280, 1.8, 2304", "1280, 2.0, 2560", "16, 1.1, 16", "24, 1.1, 24", "40, 1.1, 48",
            "80, 1.1, 88", "112, 1.1, 120", "192, 1.1, 208", "320, 1.1, 352",
            // the 10% rule: 24 * 0.75 = 18 rounds to 16, which is 11% low, so it is bumped to 24
            "24, 0.75, 24", "32, 0.75, 24", "16, 0.75, 16", "16, 0.25, 8", "1, 1.0, 8"})
    void roundFiltersFollowsTheOfficialRule(int filters, double width, int expected) {
        assertEquals(expected, ScalingRules.roundFilters(filters, width, 8));
    }

    @Test
    void roundFiltersIsAMultipleOfTheDivisorNeverMoreThanTenPercentLowAndMonotone() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            int filters = 1 + rng.nextInt(2000);
            double width = 0.1 + rng.nextDouble() * 3;
            int divisor = 1 + rng.nextInt(16);
            int r = ScalingRules.roundFilters(filters, width, divisor);
            assertEquals(0, r % divisor);
            assertTrue(r >= divisor);
            assertTrue(r >= 0.9 * filters * width, filters + " x " + width + " -> " + r);
            assertTrue(ScalingRules.roundFilters(filters, width + 0.05, divisor) >= r);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1.0, 1", "1, 1.1, 2", "2, 1.1, 3", "3, 1.2, 4", "4, 3.1, 13", "1, 3.1, 4", "3, 1.8, 6"})
    void roundRepeatsIsTheCeiling(int repeats, double depth, int expected) {
        assertEquals(expected, ScalingRules.roundRepeats(repeats, depth));
    }

    @ParameterizedTest
    @CsvSource({"224, 1.15, 4, 256", "224, 1.0, 4, 224", "28, 1.15, 1, 32", "28, 1.3225, 1, 37",
            "224, 1.5209, 4, 340", "28, 0.5, 4, 16"})
    void roundResolutionIsTheNearestMultiple(int base, double multiplier, int divisor, int expected) {
        assertEquals(expected, ScalingRules.roundResolution(base, multiplier, divisor));
    }

    @Test
    void resolutionThatCollapsesToZeroIsBadInput() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> ScalingRules.roundResolution(28, 1.0, 64));
        assertTrue(ex.getMessage().startsWith("resolution:"), ex.getMessage());
        assertTrue(ex.getMessage().contains("a smaller resolution divisor") && !ex.getMessage().contains("--"), ex.getMessage());
    }

    @Test
    void nonPositiveMultipliersAreBadInput() {
        assertThrows(InvalidInputException.class, () -> ScalingRules.roundFilters(32, 0, 8));
        assertThrows(InvalidInputException.class, () -> ScalingRules.roundRepeats(2, -1));
        assertThrows(InvalidInputException.class, () -> ScalingRules.roundResolution(224, Double.NaN, 4));
        assertThrows(InvalidInputException.class, () -> ScalingRules.roundFilters(32, 1, 0));
    }
}
