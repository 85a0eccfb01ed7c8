package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundScaling;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared net-shape and training-data flags ({@link NetShapeOptions}, {@link InputShapeOptions},
 * {@link TrainingDataOptions}) mean one thing whichever command reads them.
 */
class NetShapeOptionsTest {

    private static final List<String> SHAPE = List.of("effnas-mini", "--resolution", "16", "--channels", "3",
            "--classes", "4", "--stem-stride", "1", "--width", "0.5", "--depth", "2");

    @Test
    void benchInferAndBenchTrainBuildTheSameNetworkFromTheSameFlags(@TempDir Path dir) throws IOException {
        Path inferred = dir.resolve("infer.yaml");
        Path trained = dir.resolve("train.yaml");
        InspectCommandTest.Run infer = run(args(List.of("bench", "infer"), SHAPE, "--engine", "dl4j", "--runs", "1",
                "--warmup", "0", "--throughput-batch", "1", "--threads", "1", "--save-spec", inferred.toString()));
        assertEquals(0, infer.exitCode(), infer.err());
        InspectCommandTest.Run train = run(args(List.of("bench", "train"), SHAPE, "--synthetic", "--batch", "2",
                "--iterations", "1", "--warmup", "0", "--save-spec", trained.toString()));
        assertEquals(0, train.exitCode(), train.err());
        ArchSpec mini = Architectures.get("effnas-mini").withInput(16, 3, 4);
        ArchSpec expected = CompoundScaling.scale(mini.withStem(Stem.of(mini.stem().kernel(), 1,
                mini.stem().filters()), mini.stages(), mini.head()), 0.5, 2, 16);
        assertNotEquals(mini, expected, "the flags change the network");
        assertEquals(expected, SpecFiles.read(inferred), "bench infer");
        assertEquals(expected, SpecFiles.read(trained), "bench train");
    }

    @Test
    void aMultiplierOfZeroIsTheSameBadInputInEveryCommandThatScales() {
        for (List<String> command : List.of(List.of("train"), List.of("bench", "train", "--synthetic"),
                List.of("bench", "infer"))) {
            assertBadInput(run(args(command, List.of("effnas-mini", "--width", "0"))),
                    "--width/--depth: multipliers must be > 0, got 0.0/1.0");
        }
    }

    @Test
    void anUnknownDatasetIsTheSameBadInputInEveryCommandThatTrains(@TempDir Path dir) {
        for (List<String> command : List.of(List.of("train", "effnas-mini"), List.of("bench", "train", "effnas-mini"),
                List.of("fidelity", "--out", dir.toString()))) {
            assertBadInput(run(args(command, List.of("--dataset", "imagenet"))), "dataset: unknown dataset 'imagenet'");
        }
    }

    private static String[] args(List<String> command, List<String> shared, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(shared);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
