package org.effnas.worker.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.effnas.data.DatasetKind;
import org.effnas.eval.Candidate;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;

/** Shell scripts standing in for a trainer, and the evaluator around them (no dataset is read). */
final class FakeCommands {

    private FakeCommands() {
    }

    /** Writes an executable {@code sh} script; it is called as {@code script REQUEST RESULT}. */
    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name + ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A dataset description pointing nowhere real: the fake commands never read it. */
    static CommandDataset dataset(Path dir) {
        return new CommandDataset(DatasetKind.FASHION_MNIST, dir, 0, 1, 10, 6, dir.resolve("split.json"),
                new int[] {0, 1, 2, 5}, new int[] {3, 4}, new float[] {0.28f}, new float[] {0.35f},
                "fashion-mnist/minival", "feedface", 42, 0.1, 0);
    }

    static CommandEvaluator evaluator(Path dir, Path script, Duration timeout, OptionalInt gpu) throws IOException {
        CommandSettings settings = CommandSettings.of(List.of(script.toString(), "{request}", "{result}"), timeout,
                Map.of("EFFNAS_TEST_VAR", "hello"), dir, dir.resolve("evaluations"));
        return CommandEvaluator.of(settings, dataset(dir), gpu);
    }

    /** effnas-mini (28 px, 1 channel, 10 classes), 233,622 parameters by the cost model. */
    static Candidate candidate(String id) {
        return Candidate.of(id, Architectures.get("effnas-mini"), TrainingSettings.defaults(), 7);
    }
}
