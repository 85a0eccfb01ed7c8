package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.effnas.eval.TrainingSettings;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchProgress;
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
    void timeLeftCountsThePromotionsThatRunAfterTheLastNewCandidate() {
        ExperimentPlan p = new ExperimentPlan(Optional.of(ExperimentEngineTest.search(20, false)), Optional.empty(),
                Optional.empty(), EvaluatorKind.SURROGATE, TrainingSettings.defaults(), 5, dir.resolve("eta"), false,
                Optional.empty(), false, true, ASHA);
        java.util.List<SearchProgress> seen = new java.util.ArrayList<>();
        PhaseListeners recording = new PhaseListeners() {
            @Override
            public ProgressListener phase(PhaseKind kind, String label, java.util.function.IntSupplier workers) {
                return seen::add;
            }

            @Override
            public void message(String line) {
            }
        };
        ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(), BestModelSaver.NONE,
                recording);
        // the fixed pool's best climbs 270 -> 810 only once all 20 are done: 540 of the 1,860 steps are left then
        SearchProgress allNew = seen.stream().filter(s -> s.done() == 20).findFirst().orElseThrow();
        assertEquals(1860, allNew.stepsTotal());
        assertTrue(allNew.stepsDone() <= 1860 - 540, "steps done when the last new candidate finished: " + allNew);
        assertTrue(allNew.etaSeconds() > 0, "time left is not 0 while the top rung is still to train: " + allNew);
        assertEquals(1860, seen.get(seen.size() - 1).stepsDone());
    }

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
            // what the plan line and the wall-time estimate count is what ran: 20 x 30 + 6 x 60 + 2 x 180 + 540
            long trained = phase.observations().stream().mapToLong(ob -> ob.candidate().fidelity().incrementalSteps()).sum();
            assertEquals(1860, trained);
            assertEquals(trained, PlanEstimate.of(p).work(p, PhaseKind.SEARCH).orElseThrow().steps());
        }
    }
}
