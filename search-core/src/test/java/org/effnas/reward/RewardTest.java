package org.effnas.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.effnas.InvalidInputException;
import org.effnas.reward.CostMetric;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RewardTest {

    static EvalResult result(double top1, long macs, double latencyMs) {
        return new EvalResult("c1", "k", top1, Double.NaN, Double.NaN, 1000, macs, latencyMs, Double.NaN, 1, "w",
                null, Provenance.of("surrogate", 1, TrainingSettings.defaults(), "d", "", "v"));
    }

    @Test
    void softConstraintPenalisesAboveAndRewardsBelowTheTarget() {
        Reward r = Reward.of(400e6, -0.07, -0.07, CostMetric.MACS);
        assertEquals(0.8, r.score(0.8, 400e6), 1e-12);
        assertEquals(0.8 * Math.pow(2, -0.07), r.score(0.8, 800e6), 1e-12);
        assertEquals(0.8 * Math.pow(0.5, -0.07), r.score(0.8, 200e6), 1e-12);
        assertTrue(r.score(0.8, 200e6) > 0.8);
    }

    @Test
    void hardConstraintIsFlatBelowAndProportionalAbove() {
        Reward r = Reward.of(100, 0, -1, CostMetric.MACS);
        assertEquals(0.7, r.score(0.7, 50), 1e-12);
        assertEquals(0.7, r.score(0.7, 100), 1e-12);
        assertEquals(0.35, r.score(0.7, 200), 1e-12);
        assertEquals(0, r.below());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveTargetIsBadInput(double target) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Reward.of(target, -0.07, -0.07, CostMetric.MACS));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
    }

    @Test
    void failedResultsGetNoReward() {
        EvalResult failed = EvalResult.failed(org.effnas.eval.CandidateFixtures.candidate("c1"), "diverged", 1, "w",
                Provenance.of("surrogate", 1, TrainingSettings.defaults(), "d", "", "v"));
        assertTrue(Reward.of(100, -0.07, -0.07, CostMetric.MACS).score(failed).isEmpty());
        assertTrue(Reward.of(100, -0.07, -0.07, CostMetric.MACS).score(result(Double.NaN, 100, 1)).isEmpty());
    }

    @Test
    void latencyIsTheCostWhenAskedAndMissingLatencyGivesNoReward() {
        Reward r = Reward.of(10, -0.07, -0.07, CostMetric.LATENCY_MS);
        assertEquals(0.9 * Math.pow(2, -0.07), r.score(result(0.9, 5, 20)).getAsDouble(), 1e-12);
        assertTrue(r.score(result(0.9, 5, Double.NaN)).isEmpty());
        assertEquals(CostMetric.LATENCY_MS, CostMetric.parse("latency"));
        assertThrows(InvalidInputException.class, () -> CostMetric.parse("flops"));
    }
}
