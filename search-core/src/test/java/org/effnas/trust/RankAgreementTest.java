package org.effnas.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankAgreementTest {

    static Map<String, Double> scores(double... v) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put("c" + i, v[i]);
        }
        return m;
    }

    @Test
    void kendallAndSpearmanOfAHandCountedRanking() {
        // y swaps two neighbouring pairs of x: 2 discordant pairs of 10, tau = (8 - 2) / 10 = 0.6;
        // rank differences 0, 1, 1, 1, 1: rho = 1 - 6 * 4 / (5 * 24) = 0.8
        RankAgreement a = RankAgreement.between(0, scores(1, 2, 3, 4, 5), 1, scores(1, 3, 2, 5, 4));
        assertEquals(5, a.common());
        assertEquals(0.6, a.kendall().estimate(), 1e-12);
        assertEquals(0.8, a.spearman().estimate(), 1e-12);
        assertTrue(a.kendall().low() <= 0.6 && 0.6 <= a.kendall().high());
        assertTrue(a.kendall().low() >= -1 && a.kendall().high() <= 1);
    }

    @Test
    void identicalAndReversedRankings() {
        RankAgreement same = RankAgreement.between(0, scores(1, 2, 3, 4), 1, scores(10, 20, 30, 40));
        assertEquals(new Interval(1, 1, 1), same.kendall());
        RankAgreement reversed = RankAgreement.between(0, scores(1, 2, 3, 4), 1, scores(4, 3, 2, 1));
        assertEquals(new Interval(-1, -1, -1), reversed.kendall());
    }

    @Test
    void onlyCandidatesAtBothRungsCountAndTooFewAreUnknown() {
        Map<String, Double> low = scores(1, 2, 3, 4, 5);
        Map<String, Double> high = new HashMap<>(Map.of("c3", 0.4, "c4", 0.5));
        RankAgreement a = RankAgreement.between(0, low, 1, high);
        assertEquals(2, a.common());
        assertFalse(a.kendall().known());
        high.put("c0", 0.1);
        assertTrue(RankAgreement.between(0, low, 1, high).kendall().known());
    }

    @Test
    void theBootstrapIntervalNarrowsWithMoreCandidatesAndCoversTheTruth() {
        // y = x + noise with a known correlation: a bigger sample gives a narrower, seeded interval
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
            y[i] = x[i] + rng.nextGaussian();
        }
        // for a bivariate normal with correlation r, tau = (2 / pi) asin(r); here r = 1 / sqrt(2): tau = 0.5
        RankAgreement small = RankAgreement.between(0, scores(java.util.Arrays.copyOf(x, 20)), 1,
                scores(java.util.Arrays.copyOf(y, 20)));
        RankAgreement large = RankAgreement.between(0, scores(x), 1, scores(y));
        double widthSmall = small.kendall().high() - small.kendall().low();
        double widthLarge = large.kendall().high() - large.kendall().low();
        assertTrue(widthLarge < widthSmall / 2, widthSmall + " vs " + widthLarge);
        assertTrue(large.kendall().low() < 0.5 && 0.5 < large.kendall().high(), large.kendall().toString());
        assertEquals(large, RankAgreement.between(0, scores(x), 1, scores(y)), "seeded: the same every time");
    }

    @Test
    void noiseFloorIsThePooledStandardDeviationOverSeeds() {
        // groups {1, 3} (variance 2, 1 dof) and {2, 2, 2} (variance 0, 2 dof): sqrt(2 / 3); {5} is ignored
        NoiseFloor n = NoiseFloor.of(List.of(List.of(1.0, 3.0), List.of(2.0, 2.0, 2.0), List.of(5.0)));
        assertEquals(Math.sqrt(2.0 / 3), n.standardDeviation(), 1e-12);
        assertEquals(2, n.groups());
        assertEquals(3, n.degreesOfFreedom());
        assertFalse(NoiseFloor.of(List.of(List.of(1.0))).known());
    }
}
