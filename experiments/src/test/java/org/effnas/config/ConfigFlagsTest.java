package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFlagsTest {

    @Test
    void searchGetsTheConfigAsFlagsAndFlagsWin(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, """
                evaluator: surrogate
                reward: {target_macs: 20M, mode: hard}
                strategy: {name: nsga2, population: 6, budget: {evaluations: 30, wall_time: 10m}}
                training: {epochs: 2, batch_size: 64}
                seed: 9
                output: runs/x
                """);
        List<String> args = Arrays.asList(ConfigFlags.expand("search", "--config", f.toString(), "--budget", "5"));
        assertEquals("5", args.get(args.indexOf("--budget") + 1));
        assertEquals(1, args.stream().filter("--budget"::equals).count(), "the command line wins, once");
        for (String[] pair : new String[][] {{"--strategy", "nsga2"}, {"--target-macs", "20000000"}, {"--population", "6"},
                {"--max-time", "600s"}, {"--evaluator", "surrogate"}, {"--seed", "9"}, {"--out", "runs/x"},
                {"--epochs", "2"}, {"--batch-size", "64"}, {"--space", "mnasnet-small"}}) {
            assertEquals(pair[1], args.get(args.indexOf(pair[0]) + 1), pair[0]);
        }
        assertTrue(args.contains("--hard") && args.contains("--ordered"));
    }

    @Test
    void gridGetsItsSection(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "evaluator: surrogate\ngrid: {step: 0.05, max_triples: 7, seeds: 2}\nfamily: {phi_max: 2, single_dimension: false}\n");
        List<String> args = Arrays.asList(ConfigFlags.expand("grid", "--config=" + f, "--base", "effnas-mini"));
        assertEquals("0.05", args.get(args.indexOf("--step") + 1));
        assertEquals("7", args.get(args.indexOf("--max-triples") + 1));
        assertEquals("2", args.get(args.indexOf("--family") + 1));
        assertTrue(args.contains("--no-single-dimension"));
        assertTrue(!args.contains("--space"), "grid has no search flags");
    }

    @Test
    void settingsWithoutAFlagAreRefusedNotDropped(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "training: {optimizer: rmsprop, augment: true}\ncluster: {mode: embedded}\n");
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> ConfigFlags.expand("search", "--config", f.toString()));
        assertTrue(ex.getMessage().contains("training.optimizer, training.augment, cluster.mode have no effnas search flag"),
                ex.getMessage());
        assertTrue(ex.getMessage().contains("effnas run --config"), ex.getMessage());
    }

    @Test
    void otherCommandsAndArgsWithoutConfigAreUntouched() {
        String[] run = {"run", "--config", "x.yaml"};
        assertArrayEquals(run, ConfigFlags.expand(run));
        String[] search = {"search", "--space", "mnasnet"};
        assertArrayEquals(search, ConfigFlags.expand(search));
    }
}
