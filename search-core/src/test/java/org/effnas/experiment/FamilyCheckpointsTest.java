package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.CoefficientGrid;
import org.effnas.reference.Architectures;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.Observation;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under rungs the family's members are saved from their checkpoints: none of the family phase's
 * checkpoints is released before the members are saved, and afterwards exactly what the family's
 * scheduler alone lets go is released (every checkpoint but the best), under the ids it was stored at.
 */
class FamilyCheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void familyCheckpointsAreReleasedOnlyAfterTheMembersAreSavedAndTheBestIsKept() {
        List<String> released = Collections.synchronizedList(new ArrayList<>());
        EvaluatorProvider recording = (reference, id, log) -> {
            SurrogateEvaluator s = SurrogateEvaluator.of(reference);
            return new ExperimentEvaluator(LocalEvaluator.of(s, 1, SurrogateEvaluator.KIND), s.datasetId(), () -> 1,
                    "surrogate, recording checkpoint releases", released::add);
        };
        List<String> savedFrom = new ArrayList<>();
        List<String> releasedBeforeSaving = new ArrayList<>();
        BestModelSaver saver = new BestModelSaver() {
            @Override
            public String save(Observation best, Path out) {
                return "saved";
            }

            @Override
            public String saveMember(String name, Observation evaluation, String checkpointId, Path out) {
                savedFrom.add(checkpointId);
                released.stream().filter(id -> id.startsWith("family.")).forEach(releasedBeforeSaving::add);
                return "saved " + name;
            }
        };
        GridPlan grid = new GridPlan(Optional.of(Architectures.get("effnas-mini")), CoefficientGrid.of(0.1, 2.0, 0.1, 2),
                1, OptionalInt.empty(), Double.POSITIVE_INFINITY, true);
        ExperimentPlan plan = new ExperimentPlan(Optional.empty(), Optional.of(grid),
                Optional.of(new FamilyPlan(0, 1, true, 1)), EvaluatorKind.SURROGATE, TrainingSettings.defaults(), 7,
                dir.resolve("f"), false, Optional.empty(), false, true, SchedulerSettings.asha(30, 270, 3));

        ExperimentOutcome o = ExperimentEngine.run(plan, recording, new ExperimentEngineTest.Tables(), saver,
                ExperimentEngineTest.QUIET);

        List<Observation> trained = o.family().stream().filter(e -> e.qualifiedId().startsWith("family/"))
                .map(ExperimentArtefacts.FamilyEvaluation::observation).filter(ob -> ob.result().ok()).distinct()
                .toList();
        assertTrue(trained.size() >= 3, "the family phase trained D1, W1, R1 at least: " + trained.size());
        assertTrue(savedFrom.stream().anyMatch(id -> id.startsWith("family.")), savedFrom.toString());
        assertEquals(List.of(), releasedBeforeSaving, "no family checkpoint is released before the members are saved");
        Set<String> written = new LinkedHashSet<>();
        trained.forEach(ob -> written.add(PhaseKind.FAMILY.checkpointId(ob.candidate().fidelity().checkpoint())));
        Observation best = trained.stream().max(Comparator.comparingDouble(Observation::accuracy)).orElseThrow();
        Set<String> expected = new LinkedHashSet<>(written);
        expected.remove(PhaseKind.FAMILY.checkpointId(best.candidate().fidelity().checkpoint()));
        Set<String> familyReleased = new LinkedHashSet<>();
        released.stream().filter(id -> id.startsWith("family")).forEach(familyReleased::add);
        assertEquals(expected, familyReleased, "every family checkpoint but the best, under its stored id");
        assertFalse(familyReleased.isEmpty());
    }
}
