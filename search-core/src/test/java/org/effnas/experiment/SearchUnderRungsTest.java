package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.effnas.eval.TrainingSettings;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.Observation;
import org.effnas.search.SearchOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search under ASHA with a budget of evaluations, on the surrogate's learning curves: the budget's
 * candidates are a fixed pool, so the search is decided at the top rung even when the pool is smaller
 * than eta^(rungs - 1) (20 candidates, rungs of 30, 90, 270 and 810 steps: ASHA alone stops at 270).
 */
class SearchUnderRungsTest {

    private static final SchedulerSettings ASHA = SchedulerSettings.asha(30, 810, 3);

    @TempDir
    Path dir;

    @Test
    void theSearchAndItsRandomBaselineAreDecidedAtTheTopRungWithTwentyCandidates() {
        ExperimentPlan p = new ExperimentPlan(Optional.of(ExperimentEngineTest.search(20, true)), Optional.empty(),
                Optional.empty(), EvaluatorKind.SURROGATE, TrainingSettings.defaults(), 5, dir.resolve("s"), false,
                Optional.empty(), false, true, ASHA);
        ExperimentOutcome o = ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(),
                BestModelSaver.NONE, ExperimentEngineTest.QUIET);
        int top = ASHA.ladder().top();
        for (SearchOutcome phase : java.util.List.of(o.search().orElseThrow(), o.random().orElseThrow())) {
            Observation best = phase.best().orElseThrow();
            assertEquals(top, best.rung(), "the best is measured at the top rung: " + best.candidate().id());
            assertEquals(810, best.candidate().fidelity().steps());
            long atTop = phase.observations().stream().filter(ob -> ob.rung() == top).count();
            assertTrue(atTop >= 1, "a candidate reached 810 steps");
            long started = phase.observations().stream().filter(ob -> ob.rung() == 0).count();
            assertEquals(20, started, "the budget's 20 new candidates, promotions on top");
        }
    }
}
