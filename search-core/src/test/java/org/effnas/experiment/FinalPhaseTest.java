package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.effnas.InvalidSettingException;
import org.effnas.eval.EvalResult;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.schedule.CheckpointRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The final phase through the engine, with a stand-in trainer (the DL4J one is tested in experiments). */
class FinalPhaseTest {

    @TempDir
    Path dir;

    /** Tables that also keep final.csv's rows. */
    static final class Tables extends ExperimentEngineTest.Tables {
        final List<ExperimentArtefacts.FinalEvaluation> finals = new ArrayList<>();

        @Override
        public void writeFinal(List<ExperimentArtefacts.FinalEvaluation> rows) {
            finals.clear();
            finals.addAll(rows);
        }
    }

    /** A trainer that records what it was given and "measures" every member at 0.5. */
    static final class Recording implements FinalTrainer {
        final List<FinalMember> members = new ArrayList<>();
        final AtomicInteger trained = new AtomicInteger();

        @Override
        public ExperimentEvaluator start(List<FinalMember> given, TrainingSettings training, Path out,
                                         java.util.function.Consumer<String> log) {
            members.clear();
            members.addAll(given);
            return new ExperimentEvaluator(LocalEvaluator.of((c, worker) -> {
                trained.incrementAndGet();
                return new EvalResult(c.id(), c.specKey(), 0.5, Double.NaN, Double.NaN, 1, 1, Double.NaN, Double.NaN,
                        0.1, worker, null, Provenance.of("test", c.seed(), c.training(), "test-data/test", "x", "v"));
            }, 1, "test"), "test-data", () -> 1, "a stand-in",
                    CheckpointRelease.none());
        }
    }

    private static final TrainingSettings FULL = TrainingSettings.defaults().withEpochs(3);

    private ExperimentPlan plan(Path out, List<String> members, SchedulerSettings scheduler, boolean resume) {
        return new ExperimentPlan(Optional.of(ExperimentEngineTest.search(8, false)),
                Optional.of(ExperimentEngineTest.grid(Optional.empty())), Optional.of(new FamilyPlan(0, 2, true, 1)),
                EvaluatorKind.SURROGATE, TrainingSettings.defaults(), 5, out, resume, Optional.empty(), false, true,
                scheduler, Optional.of(FinalPlan.of(members, FULL)));
    }

    @Test
    void theFinalPhaseTrainsTheNamedWinnersLastAndAResumeTrainsNoneAgain() {
        Tables tables = new Tables();
        Recording trainer = new Recording();
        Path out = dir.resolve("f");
        ExperimentPlan p = plan(out, List.of("baseline", "B2", "W1"), SchedulerSettings.fifo(), false);
        ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, tables, BestModelSaver.NONE, trainer,
                ExperimentEngineTest.QUIET);
        assertEquals(List.of("baseline", "B2", "W1"), tables.finals.stream().map(r -> r.member().name()).toList());
        assertEquals(3, trainer.trained.get());
        assertTrue(Files.isRegularFile(out.resolve(PhaseKind.FINAL.journal())));
        FinalMember baseline = trainer.members.get(0);
        assertTrue(baseline.source().startsWith("search/"), baseline.source());
        assertTrue(trainer.members.get(1).source().startsWith("family/"), "B2 came from the family phase");
        assertTrue(trainer.members.get(2).source().startsWith("grid/"), "W1 came from the grid's comparison");
        assertTrue(trainer.members.stream().allMatch(m -> m.checkpoint().isEmpty()), "no rungs, no checkpoints");
        assertTrue(tables.finals.stream().allMatch(r -> r.qualifiedId().startsWith("final/")
                && r.observation().result().top1() == 0.5));
        // every final candidate trains the full-budget recipe, not the search's proxy
        assertTrue(tables.finals.stream().allMatch(r -> r.observation().candidate().training().equals(FULL)));

        Tables again = new Tables();
        ExperimentEngine.run(plan(out, List.of("baseline", "B2", "W1"), SchedulerSettings.fifo(), true),
                ExperimentEngineTest.SURROGATE, again, BestModelSaver.NONE, trainer, ExperimentEngineTest.QUIET);
        assertEquals(3, trainer.trained.get(), "a resume finds the members in the final journal");
        assertEquals(3, again.finals.size());
    }

    @Test
    void underRungsEachMemberCarriesItsTopRungCheckpoint() {
        Tables tables = new Tables();
        Recording trainer = new Recording();
        ExperimentPlan p = plan(dir.resolve("asha"), List.of("baseline", "B1"), SchedulerSettings.asha(10, 90, 3),
                false);
        ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, tables, BestModelSaver.NONE, trainer,
                ExperimentEngineTest.QUIET);
        FinalMember baseline = trainer.members.get(0);
        assertTrue(baseline.checkpoint().orElseThrow().matches("search\\.c\\d{6}@r\\d"), baseline.toString());
        assertEquals(baseline.source().replace('/', '.'), baseline.checkpoint().get(), "its evaluation's checkpoint");
        assertTrue(trainer.members.get(1).checkpoint().orElseThrow().startsWith("grid."), "B1 is a grid triple's");
    }

    @Test
    void aMemberThePhasesDidNotProduceIsAnErrorNamingTheValidOnes() {
        Recording trainer = new Recording();
        ExperimentPlan p = plan(dir.resolve("bad"), List.of("B5"), SchedulerSettings.fifo(), false);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> ExperimentEngine.run(p,
                ExperimentEngineTest.SURROGATE, new Tables(), BestModelSaver.NONE, trainer, ExperimentEngineTest.QUIET));
        assertEquals("final members", e.setting());
        assertTrue(e.problem().contains("'B5'") && e.problem().contains("baseline, B0, B1, B2"), e.problem());
        assertEquals(0, trainer.trained.get());
        assertFalse(Files.exists(dir.resolve("bad").resolve(PhaseKind.FINAL.journal())));
    }

    @Test
    void thePlanRefusesBadMemberLists() {
        for (List<String> bad : List.of(List.<String>of(), List.of("baseline", "baseline"), List.of("baseline", "B0"),
                List.of("../x"))) {
            assertThrows(InvalidSettingException.class, () -> FinalPlan.of(bad, FULL), bad.toString());
        }
        assertEquals(List.of("baseline", "B1"), FinalPlan.of(List.of("baseline", "B1"), FULL).members());
    }
}
