package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effnas.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void emptyDataDirectoryIsExitTwoWithWhatToDo(@TempDir Path tmp) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Effnas.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int rc = cl.execute("demo", "--data", tmp.toString(), "--out", tmp.resolve("out").toString());
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, rc);
        assertTrue(message.contains("Fashion-MNIST not found in --data " + tmp), message);
        assertTrue(message.contains("train-images-idx3-ubyte.gz"), message);
        assertTrue(message.contains("sudo apt-get install dataset-fashion-mnist"), message);
        assertEquals(1, message.strip().lines().count(), "one line, no stack trace: " + message);
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing is started without data");
    }

    @Test
    void findsRawOrGzippedIdxFiles(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("train-images-idx3-ubyte.gz"), "x");
        assertEquals(false, DemoCommand.hasFashionMnist(tmp));
        Files.writeString(tmp.resolve("train-labels-idx1-ubyte"), "x");
        assertEquals(true, DemoCommand.hasFashionMnist(tmp));
    }

    @Test
    void demoConfigIsTheShippedOneOnTheGivenData(@TempDir Path tmp) throws IOException {
        ExperimentConfig c = DemoCommand.demoConfig(tmp);
        assertEquals(tmp.toAbsolutePath().toString(), c.dataset().path());
        assertEquals(org.effnas.config.ClusterMode.EMBEDDED, c.cluster().mode());
        assertEquals(org.effnas.experiment.EvaluatorKind.DL4J, c.evaluator().kind());
        assertEquals("mnasnet-small", c.space().name());
        int search = c.strategy().budget().evaluations();
        assertTrue(search >= 16 && search <= 24, "search budget " + search);
        assertTrue(c.grid().maxTriples() >= 6 && c.grid().maxTriples() <= 10);
        assertEquals(0, c.family().phiMin());
        assertEquals(2, c.family().phiMax());
        // decided at 810 steps under ASHA, as README and docs/experiments.md describe the demo
        assertEquals(810, c.scheduler().maxSteps());
        assertEquals("asha", c.scheduler().name());
    }
}
