package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentDirectoryTest {

    private static ExperimentConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "t.yaml", Path.of("."), "runs/t");
    }

    @Test
    void refusesAnExperimentWithoutResumeAndNeverTouchesIt(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("exp");
        ExperimentConfig c = config("evaluator: surrogate\n");
        ExperimentDirectory.prepare(dir, c, false);
        Files.writeString(dir.resolve("journal.jsonl"), "precious\n");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ExperimentDirectory.prepare(dir, c, false));
        assertTrue(ex.getMessage().contains("already holds an experiment; pass --resume"), ex.getMessage());
        assertEquals("precious\n", Files.readString(dir.resolve("journal.jsonl")));
        ExperimentDirectory.prepare(dir, c, true);
        assertEquals("precious\n", Files.readString(dir.resolve("journal.jsonl")));
    }

    @Test
    void resumeMustBeTheSameExperiment(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("exp");
        ExperimentDirectory.prepare(dir, config("evaluator: surrogate\ntraining: {epochs: 1}\n"), false);
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> ExperimentDirectory.prepare(dir,
                config("evaluator: surrogate\ntraining: {epochs: 2}\nseed: 5\n"), true));
        assertTrue(ex.getMessage().contains("training.epochs, seed differ"), ex.getMessage());
        // the budget and the workers may change between sessions
        ExperimentDirectory.prepare(dir, config("evaluator: {kind: surrogate, local_workers: 2}\ntraining: {epochs: 1}\n"
                + "strategy: {budget: {evaluations: 99}}\n"), true);
    }

    @Test
    void refusesANonEmptyDirectoryThatIsNoExperiment(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> ExperimentDirectory.prepare(tmp, config(""), false));
        assertTrue(ex.getMessage().contains("not empty"), ex.getMessage());
        assertEquals(List.of(tmp.resolve("notes.txt")), Files.list(tmp).toList());
    }

    @Test
    void identityIgnoresWhatMayChangeBetweenSessions() {
        assertTrue(ExperimentIdentity.differences(config("cluster: {mode: embedded, embedded_workers: 3}\noutput: x\n"),
                config("strategy: {budget: {evaluations: 5, wall_time: 1h}}\ndataset: {path: /elsewhere}\n")).isEmpty());
        assertEquals(List.of("reward.target_macs"), ExperimentIdentity.differences(config(""),
                config("reward: {target_macs: 20M}\n")));
    }
}
