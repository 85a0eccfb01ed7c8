package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration a process measured is its answer for the rest of the process (a real, short training). */
class CalibrationRunTest {

    @Test
    void aProcessMeasuresOnceEvenWhenItsOwnFigureWouldCountAsStale(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "no Fashion-MNIST");
        Path file = dir.resolve("calibration.json");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Calibration measured = CalibrationRun.cachedOrMeasured(file, new PrintStream(first, true, StandardCharsets.UTF_8))
                .orElseThrow();
        assertTrue(first.toString(StandardCharsets.UTF_8).contains("calibrating"), first.toString(StandardCharsets.UTF_8));
        assertTrue(measured.imagesPerSecond() > 0);
        // the file now says another machine measured it: a later process measures again, this one does not
        Calibration.of("effnas-mini", 28, measured.referenceMacs(), 1, measured.trainImages(), "Other CPU x64",
                measured.codeVersion(), 0.1, "test").write(file);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        Calibration again = CalibrationRun.cachedOrMeasured(file, new PrintStream(second, true, StandardCharsets.UTF_8))
                .orElseThrow();
        assertFalse(second.toString(StandardCharsets.UTF_8).contains("calibrating"), second.toString(StandardCharsets.UTF_8));
        assertEquals(measured.imagesPerSecond(), again.imagesPerSecond());
    }
}
