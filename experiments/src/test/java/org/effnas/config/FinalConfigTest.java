package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.effnas.eval.TrainingSettings;
import org.effnas.experiment.FinalPlan;
import org.effnas.pipeline.ExperimentLaunch;
import org.effnas.pipeline.LaunchOptions;
import org.junit.jupiter.api.Test;

/** The {@code final:} section: keys, defaults, the recipe over {@code training:}, member names. */
class FinalConfigTest {

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Path.of("."), "runs/test");
    }

    private static String problems(String yaml) {
        return String.join("\n", assertThrows(InvalidConfigException.class, () -> parse(yaml)).problems());
    }

    @Test
    void noFinalSectionMeansNoFinalPhase() {
        ExperimentConfig c = parse("dataset: fashion-mnist\nevaluator: surrogate\n");
        assertFalse(c.finalTraining().enabled());
        assertTrue(ExperimentLaunch.plan(c, LaunchOptions.of(Path.of("runs/none"), false)).plan().finalPhase().isEmpty());
        // written back, it loads to the same (empty) section
        assertEquals(c.finalTraining(), parse(ConfigLoader.toYaml(c)).finalTraining());
    }

    @Test
    void theRecipeOverridesTrainingKeyByKeyAndRoundTrips() {
        ExperimentConfig c = parse("""
                evaluator: surrogate
                training: {epochs: 2, subset: 3000, batch_size: 64, learning_rate: 0.002, schedule: cosine}
                final: {members: [baseline, B2, W1], epochs: 30, batch_size: 128, augment: true}
                family: {phi_max: 2}
                """);
        FinalConfig f = c.finalTraining();
        assertEquals(List.of("baseline", "B2", "W1"), f.members());
        assertNull(f.learningRate(), "unset: training's");
        TrainingSettings s = f.settings(c.training(), c.dataset().minival());
        assertEquals(30, s.epochs());
        assertEquals(0, s.subset(), "the whole training split unless final.subset says otherwise");
        assertEquals(128, s.batchSize());
        assertEquals(0.002, s.learningRate());
        assertEquals("cosine", s.schedule());
        assertTrue(s.augment());
        assertEquals(c.finalTraining(), parse(ConfigLoader.toYaml(c)).finalTraining());
        FinalPlan plan = ExperimentLaunch.plan(c, LaunchOptions.of(Path.of("runs/f"), false)).plan().finalPhase()
                .orElseThrow();
        assertEquals(List.of("baseline", "B2", "W1"), plan.members());
        assertEquals(s, plan.training());
        assertEquals(List.of("baseline", "B1"), parse("evaluator: surrogate\nfinal: {members: 'baseline, B1'}\n")
                .finalTraining().members(), "a comma-separated string is a list too");
    }

    @Test
    void anUnknownMemberNamesFinalMembersAndTheValidNames() {
        String p = problems("evaluator: surrogate\nfamily: {phi_max: 1}\nfinal: {members: [baseline, B3]}\n");
        assertTrue(p.contains("final.members: unknown member 'B3'; this config's are baseline, B0, B1, D1, W1, R1"), p);
        assertEquals(List.of("baseline", "T2M"), parse("evaluator: surrogate\n"
                + "family: {target_macs: [2M, 8M]}\nfinal: {members: [baseline, T2M]}\n").finalTraining().members());
        p = problems("evaluator: surrogate\nfamily: {target_macs: [2M, 8M]}\nfinal: {members: [B1]}\n");
        assertTrue(p.contains("final.members: unknown member 'B1'; this config's are baseline, T2M, T8M"), p);
        p = problems("evaluator: surrogate\nfamily: {enabled: false}\nfinal: {members: [B1]}\n");
        assertTrue(p.contains("final.members: unknown member 'B1'; this config's are baseline"), p);
        p = problems("evaluator: surrogate\nfinal: {members: [baseline], epochs: 0, batch_size: 0, shedule: x}\n");
        assertTrue(p.contains("final.epochs: must be in (0, 10000]"), p);
        assertTrue(p.contains("final.batch_size: must be in [1, 65536]"), p);
        assertTrue(p.contains("final.shedule: unknown key, did you mean schedule?"), p);
        p = problems("evaluator: surrogate\nfinal: {members: {a: 1}}\n");
        assertTrue(p.contains("final.members: expected a list of member names"), p);
    }
}
