package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.experiment.ExperimentPlan;
import org.effnas.experiment.PhaseKind;
import org.effnas.experiment.PlanEstimate;
import org.effnas.schedule.TrainingWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wall-time estimate from an injected calibration (no training here) and the --yes rule. */
class WallTimeEstimateTest {

    /** 100 images/s at 10M MACs: 1e9 MAC-images per second. */
    private static final Calibration CAL = Calibration.of("effnas-mini", 28, 10_000_000, 100, 54_000, "Test CPU x2",
            "0.1.0+abc", 0.5, "test");

    @Test
    void arithmeticScalesByImagesMacsAndSlots() {
        // 10 trainings of 3200 images at the reference's MACs: 32,000 images at 100/s = 320 s
        assertEquals(320, WallTimeEstimate.seconds(3200 * 10 * 10_000_000.0, CAL, 1), 1e-9);
        assertEquals(640, WallTimeEstimate.seconds(3200 * 10 * 20_000_000.0, CAL, 1), 1e-9, "twice the MACs");
        assertEquals(160, WallTimeEstimate.seconds(3200 * 10 * 10_000_000.0, CAL, 2), 1e-9, "two slots");
    }

    @Test
    void aPlanIsCountedPerPhaseAtItsMacs(@TempDir Path dir) {
        ExperimentPlan plan = searchPlan(dir, """
                strategy: {budget: {evaluations: 10}}
                training: {epochs: 1, subset: 3200, batch_size: 32}
                """);
        PlanEstimate counts = PlanEstimate.of(plan);
        WallTimeEstimate e = WallTimeEstimate.of(plan, counts, CAL, OptionalDouble.empty(), 0, 1).orElseThrow();
        // (10 search + 1 best model) x 100 steps x 32 images at T = the reference's MACs, 100 images/s
        assertEquals(counts.search() + counts.random() + counts.bestModel(), 11);
        assertEquals(11 * 3200 / 100.0, e.seconds(), 1e-6);
        // a 600-image minival pass after each training costs a third of 600 training images
        WallTimeEstimate withEval = WallTimeEstimate.of(plan, counts, CAL, OptionalDouble.empty(), 600, 1)
                .orElseThrow();
        assertEquals(11 * (3200 + 200) / 100.0, withEval.seconds(), 1e-6);
        assertTrue(e.describe().contains("100 images/s measured for effnas-mini at 28 px"), e.describe());
    }

    @Test
    void underRungsOnlyTheStepsTheLadderTrainsAreCounted(@TempDir Path dir) {
        ExperimentPlan plan = searchPlan(dir, """
                strategy: {budget: {evaluations: 20}}
                training: {epochs: 1, subset: 32400, batch_size: 40}
                scheduler: {name: asha, min_steps: 30, max_steps: 810, eta: 3}
                """);
        PlanEstimate counts = PlanEstimate.of(plan);
        // 20 candidates at 30 steps, 6 go on to 90, 2 to 270 and the best to 810: 1,860 steps, 29 minival
        // passes; not 20 trainings of 810 steps
        assertEquals(new TrainingWork(1860, 29), counts.work(plan, PhaseKind.SEARCH).orElseThrow());
        WallTimeEstimate e = WallTimeEstimate.of(plan, counts, CAL, OptionalDouble.empty(), 300, 1).orElseThrow();
        assertEquals((1860 * 40 + 29 * 100) / 100.0, e.seconds(), 1e-6);
    }

    /** A search-only DL4J plan at T = the calibration's MACs, with {@code settings} added. */
    private static ExperimentPlan searchPlan(Path dir, String settings) {
        ExperimentConfig c = ConfigLoader.parse("""
                space: mnasnet-small
                reward: {target_macs: 10M}
                grid: {enabled: false}
                family: {enabled: false}
                cluster: {mode: local}
                evaluator: {kind: dl4j}
                """ + settings, "test.yaml", Path.of("."), dir.toString());
        return ExperimentLaunch.plan(c, LaunchOptions.of(dir, false)).plan();
    }

    @Test
    void yesIsAskedOnlyOnATerminalPastAnHourWithoutAWallTimeBudget() {
        WallTimeEstimate longRun = new WallTimeEstimate(3601, CAL);
        assertTrue(longRun.needsConfirmation(false, true, false));
        assertFalse(longRun.needsConfirmation(false, true, true), "--yes given");
        assertFalse(longRun.needsConfirmation(false, false, false), "non-interactive: print and continue");
        assertFalse(longRun.needsConfirmation(true, true, false), "a wall-time budget bounds it");
        assertFalse(new WallTimeEstimate(3600, CAL).needsConfirmation(false, true, false), "an hour is not past it");
    }

    @Test
    void calibrationRoundTripsThroughItsCacheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/calibration.json");
        CAL.write(file);
        Calibration back = Calibration.read(file).orElseThrow();
        assertEquals(CAL.imagesPerSecond(), back.imagesPerSecond());
        assertEquals(CAL.referenceMacs(), back.referenceMacs());
        assertEquals(CAL.trainImages(), back.trainImages());
        assertEquals(CAL.machine(), back.machine());
        assertEquals(CAL.codeVersion(), back.codeVersion());
        assertEquals(CAL.loadAverage(), back.loadAverage());
        Files.writeString(file, "{not json");
        assertTrue(Calibration.read(file).isEmpty(), "a broken cache is measured again, not trusted");
    }

    @Test
    void aCachedFigureIsMeasuredAgainOnAnotherMachineBuildOrWhenItWasMeasuredBusy(@TempDir Path dir) throws Exception {
        assertTrue(CAL.staleReason("Test CPU x2", "0.1.0+abc", 2).isEmpty(), "same machine and build, load 0.5");
        assertTrue(CAL.staleReason("Other CPU x8", "0.1.0+abc", 8).orElseThrow().contains("Test CPU x2"));
        assertTrue(CAL.staleReason("Test CPU x2", "0.1.0+def", 2).orElseThrow().contains("0.1.0+abc"));
        Calibration busy = Calibration.of("effnas-mini", 28, 10_000_000, 15, 54_000, "Test CPU x2", "0.1.0+abc",
                28.1, "test");
        assertEquals("it was measured at load 28.1 on 2 cores",
                busy.staleReason("Test CPU x2", "0.1.0+abc", 2).orElseThrow());
        // a cache file written before the machine and build were recorded is measured again
        Path file = dir.resolve("calibration.json");
        Files.writeString(file, "{\"architecture\":\"effnas-mini\",\"resolution\":28,\"reference_macs\":13013904,"
                + "\"images_per_second\":15.26,\"train_images\":60000}");
        Calibration old = Calibration.read(file).orElseThrow();
        assertTrue(Double.isNaN(old.loadAverage()));
        assertEquals("it does not say which processor measured it",
                old.staleReason("Test CPU x2", "0.1.0+abc", 2).orElseThrow());
    }
}
