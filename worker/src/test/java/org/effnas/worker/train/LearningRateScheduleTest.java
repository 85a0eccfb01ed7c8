package org.effnas.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmupThenEachDecay() {
        LearningRateSchedule cosine = new LearningRateSchedule("cosine", 1.0, 4, 104, 10);
        assertEquals(0.25, cosine.at(0), 1e-12);
        assertEquals(1.0, cosine.at(3), 1e-12);
        assertEquals(1.0, cosine.at(4), 1e-12);
        assertEquals(0.5, cosine.at(54), 1e-12);
        assertEquals(0.0, cosine.at(104), 1e-12);
        LearningRateSchedule exponential = new LearningRateSchedule("exponential", 1.0, 0, 1000, 10);
        assertEquals(1.0, exponential.at(23), 1e-12, "staircase: no decay before 2.4 epochs");
        assertEquals(0.97, exponential.at(24), 1e-12);
        assertEquals(0.97 * 0.97, exponential.at(48), 1e-12);
        assertEquals(1.0, new LearningRateSchedule("constant", 1.0, 0, 10, 10).at(9), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("linear", 1, 0, 1, 1));
    }

    @Test
    void planCountsStepsFromEpochsOrSteps() {
        TrainingSettings epochs = new TrainingSettings(2.5, 0, 0, 100, "adam", 1e-3, 0.5, "cosine", 0, 0, false, 0.1, 0);
        TrainingPlan plan = TrainingPlan.of(epochs, 1050);
        assertEquals(11, plan.stepsPerEpoch());
        assertEquals(28, plan.totalSteps());
        assertEquals(6, plan.schedule().getWarmupSteps());
        TrainingSettings steps = new TrainingSettings(0, 7, 0, 100, "rmsprop", 1e-3, 0, "constant", 0, 0, false, 0.1, 0);
        assertEquals(7, TrainingPlan.of(steps, 1050).totalSteps());
        assertEquals(RmsPropMomentum.class, TrainingPlan.of(steps, 1050).updater().getClass());
    }
}
