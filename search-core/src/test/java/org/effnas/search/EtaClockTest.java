package org.effnas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtaClockTest {

    private static SearchProgress counted(int done, int total, double elapsed) {
        return new SearchProgress(done, total, 0, 0, 0, Optional.empty(), elapsed, Double.NaN, 0, -1, 0, -1, 0);
    }

    private static SearchProgress rungs(int done, long steps, long evaluations, double overheadSteps, double elapsed) {
        return new SearchProgress(done, 20, 2, 0, 0, Optional.empty(), elapsed, Double.NaN, steps, 1860, evaluations,
                29, overheadSteps);
    }

    @Test
    void etaComesFromMeasuredDurationsAndDoesNotGrowWhileWaiting() {
        EtaClock eta = new EtaClock();
        assertTrue(Double.isNaN(eta.observe(counted(5, 20, 0))), "results replayed from a journal are not a measurement");
        assertTrue(Double.isNaN(eta.observe(counted(5, 20, 30))), "nothing finished in this session yet");
        assertEquals(10 * 14, eta.observe(counted(6, 20, 10)), 1e-9, "first finished at 10 s: 14 left x 10 s");
        // 3 finished over 30 s: 10 s each, 12 left = 120 s, counting down while waiting for the next
        assertEquals(120, eta.observe(counted(8, 20, 30)), 1e-9);
        assertEquals(110, eta.observe(counted(8, 20, 40)), 1e-9);
        assertEquals(60, eta.observe(counted(8, 20, 90)), 1e-9);
        assertEquals(0, eta.observe(counted(8, 20, 500)), 1e-9, "never negative");
        assertTrue(Double.isNaN(new EtaClock().observe(counted(3, -1, 5))), "no total: no ETA");
    }

    @Test
    void underRungsTheEtaFollowsStepsSoTheTopRungStillCountsAfterTheLastNewCandidate() {
        EtaClock eta = new EtaClock();
        eta.observe(rungs(0, 0, 0, 0, 0));
        eta.observe(rungs(10, 600, 10, 0, 600));
        // 1 step/s; all 20 new candidates done at 1,320 of 1,860 steps: 540 s left, not 0
        assertEquals(540, eta.observe(rungs(20, 1320, 20, 0, 1320)), 1e-9);
    }

    @Test
    void underRungsEachEvaluationsMeasuredOverheadCountsAsWorkSoShortRungsDoNotInflateTheEta() {
        EtaClock eta = new EtaClock();
        eta.observe(rungs(0, 0, 0, 0, 0));
        // 4 results of 30 steps in 60 s, each with 15 steps' worth of overhead: 180 units in 60 s;
        // left: 1,740 steps and 25 evaluations = 2,115 units, 705 s (steps alone would say 870 s)
        assertEquals(705, eta.observe(rungs(4, 120, 4, 15, 60)), 1e-9);
        EtaClock stepsAlone = new EtaClock();
        stepsAlone.observe(rungs(0, 0, 0, 0, 0));
        assertEquals(870, stepsAlone.observe(rungs(4, 120, 4, 0, 60)), 1e-9, "no overhead measured: steps alone");

        EtaClock resumed = new EtaClock();
        resumed.observe(rungs(10, 600, 10, 0, 0)); // replayed from the journal: not measured here
        // 60 steps and 2 evaluations in 30 s at 10 steps' overhead: 80 units; 1,200 + 17 x 10 left
        assertEquals(1370 * 30.0 / 80, resumed.observe(rungs(12, 660, 12, 10, 30)), 1e-9);
    }
}
