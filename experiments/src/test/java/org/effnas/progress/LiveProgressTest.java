package org.effnas.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.search.Observation;
import org.effnas.search.SearchProgress;
import org.junit.jupiter.api.Test;

class LiveProgressTest {

    private static SearchProgress progress(int done, double elapsed) {
        Candidate c = Candidate.of("c000003", Architectures.get("effnas-mini"), TrainingSettings.defaults(), 1);
        EvalResult r = new EvalResult(c.id(), c.specKey(), 0.8623, Double.NaN, 0.4, 1000, 9_870_000, Double.NaN,
                Double.NaN, 3, "local-0", null, Provenance.of("dl4j", 1, c.training(), "fashion-mnist", "x", "v"));
        return new SearchProgress(done, 20, 2, 1, 0, Optional.of(Observation.of(c, r, OptionalDouble.of(0.8412))),
                elapsed, 125, 0, -1, 0, -1, 0);
    }

    @Test
    void lineHasEveryFigure() {
        String line = ProgressLine.format("search evolution", false, 2, progress(12, 192));
        assertEquals("[search evolution] 12/20 done | 2 running | 1 failed | best reward 0.8412 "
                + "(top1 86.23%, 9.87M MACs) | 2 workers | 03:12 elapsed, ETA 02:05", line);
        assertTrue(ProgressLine.format("grid", true, 1, progress(1, 1)).startsWith("SURROGATE [grid] 1/20"));
    }

    @Test
    void terminalRewritesOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress p = LiveProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 10, "search",
                false, () -> 2);
        p.progress(progress(1, 1));
        p.progress(progress(2, 2));
        p.finished(progress(3, 3));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, out.split("\r", -1).length, out);
        assertEquals(1, out.chars().filter(ch -> ch == '\n').count(), "one newline at the end");
    }

    @Test
    void logModePrintsEveryNSecondsAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicInteger workers = new AtomicInteger(2);
        LiveProgress p = LiveProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 30, "search",
                false, workers::get);
        p.progress(progress(1, 0));
        p.progress(progress(2, 10));
        p.progress(progress(3, 29));
        workers.set(3);
        p.progress(progress(4, 31));
        p.finished(progress(5, 40));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].contains(" 1/20 done") && lines[1].contains(" 4/20 done") && lines[2].contains(" 5/20 done"));
        assertTrue(lines[1].contains("3 workers"), "worker count is read live");
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    private static SearchProgress snapshot(int done, int inFlight, double elapsed) {
        return new SearchProgress(done, 20, inFlight, 0, 0, Optional.empty(), elapsed, Double.NaN, 0, -1, 0, -1, 0);
    }

    @Test
    void runningIsCappedAtTheSlotsAndTheRestIsQueued() {
        String line = ProgressLine.format("grid", false, 2, snapshot(0, 4, 5));
        assertTrue(line.contains("0/20 done | 2 running | 2 queued | 0 failed"), line);
        assertTrue(ProgressLine.format("grid", false, 4, snapshot(0, 3, 5)).contains("3 running | 0 failed"));
        assertTrue(ProgressLine.format("grid", false, 0, snapshot(0, 3, 5)).contains("0 running | 3 queued"));
    }

    @Test
    void aNarrowTerminalDropsTheLeastTellingPartsAndKeepsTheEta() {
        SearchProgress snapshot = progress(12, 192);
        String wide = ProgressLine.format("search evolution", false, 2, snapshot);
        assertEquals(wide, ProgressLine.format("search evolution", false, 2, snapshot, 125, wide.length() + 1));
        String at80 = ProgressLine.format("search evolution", false, 2, snapshot, 125, 80);
        assertEquals("[search evolution] 12/20 done | best reward 0.8412 | 03:12 elapsed, ETA 02:05", at80,
                "80 columns: the workers, the best's details and the running and failed counts go first");
        assertEquals("[search evolution] 12/20 done | ETA 02:05",
                ProgressLine.format("search evolution", false, 2, snapshot, 125, 45), "the time part keeps the ETA alone");
        String cut = ProgressLine.format("search evolution", false, 2, snapshot, 125, 30);
        assertEquals(29, cut.length(), "one column kept free");
        assertTrue(cut.endsWith("...") && wide.startsWith(cut.substring(0, 26)), cut);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress p = LiveProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 10, "search",
                false, () -> 2, 50);
        p.progress(progress(1, 1));
        p.finished(progress(3, 3));
        for (String part : bytes.toString(StandardCharsets.UTF_8).split("[\r\n]")) {
            assertTrue(part.length() <= 49, part.length() + ": " + part);
        }
    }

    private static SearchProgress counted(int done, int total, double elapsed) {
        return new SearchProgress(done, total, 0, 0, 0, Optional.empty(), elapsed, Double.NaN, 0, -1, 0, -1, 0);
    }

    private static SearchProgress rungs(long steps, long evaluations, double overheadSteps, double elapsed) {
        return new SearchProgress(0, 20, 2, 0, 0, Optional.empty(), elapsed, Double.NaN, steps, 1860, evaluations, 29,
                overheadSteps);
    }

    @Test
    void etaComesFromMeasuredDurationsAndDoesNotGrowWhileWaiting() {
        EtaClock eta = new EtaClock();
        assertTrue(Double.isNaN(eta.observe(counted(5, 20, 0))), "results replayed from a journal are not a measurement");
        assertTrue(Double.isNaN(eta.observe(counted(5, 20, 30))), "nothing finished under watch yet");
        assertEquals(10 * 14, eta.observe(counted(6, 20, 10)), 1e-9, "first finished at 10 s: 14 left x 10 s");
        // 3 finished over 30 s: 10 s each, 12 left = 120 s, counting down while waiting for the next
        assertEquals(120, eta.observe(counted(8, 20, 30)), 1e-9);
        assertEquals(110, eta.observe(counted(8, 20, 40)), 1e-9);
        assertEquals(60, eta.observe(counted(8, 20, 90)), 1e-9);
        assertEquals(0, eta.observe(counted(8, 20, 500)), 1e-9, "never negative");
        assertTrue(Double.isNaN(new EtaClock().observe(counted(3, -1, 5))), "no total: no ETA");
    }

    @Test
    void underRungsEachEvaluationsMeasuredOverheadCountsAsWorkSoShortRungsDoNotInflateTheEta() {
        EtaClock eta = new EtaClock();
        eta.observe(rungs(0, 0, 0, 0));
        // 4 results of 30 steps in 60 s, each with 15 steps' worth of overhead: 180 units in 60 s;
        // left: 1,740 steps and 25 evaluations = 2,115 units, 705 s (steps alone would say 870 s)
        assertEquals(705, eta.observe(rungs(120, 4, 15, 60)), 1e-9);
        EtaClock stepsAlone = new EtaClock();
        stepsAlone.observe(rungs(0, 0, 0, 0));
        assertEquals(870, stepsAlone.observe(rungs(120, 4, 0, 60)), 1e-9, "no overhead measured: steps alone");

        EtaClock resumed = new EtaClock();
        resumed.observe(rungs(600, 10, 0, 0)); // replayed from the journal: not measured here
        // 60 steps and 2 evaluations in 30 s at 10 steps' overhead: 80 units; 1,200 + 17 x 10 left
        assertEquals(1370 * 30.0 / 80, resumed.observe(rungs(660, 12, 10, 30)), 1e-9);
    }

    @Test
    void underRungsTheEtaFollowsStepsSoTheTopRungStillCountsAfterTheLastNewCandidate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress p = LiveProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0, "search",
                false, () -> 2);
        // 600 steps in the first 60 s (1 step/s); all 20 new candidates done at 1,320 of 1,860 steps
        p.progress(new SearchProgress(0, 20, 2, 0, 0, Optional.empty(), 0, Double.NaN, 0, 1860, 0, 29, 0));
        p.progress(new SearchProgress(10, 20, 2, 0, 0, Optional.empty(), 600, Double.NaN, 600, 1860, 10, 29, 0));
        p.progress(new SearchProgress(20, 20, 1, 0, 0, Optional.empty(), 1320, Double.NaN, 1320, 1860, 20, 29, 0));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[2].contains(" 20/20 done") && lines[2].endsWith("ETA 09:00"), lines[2]);
    }

    @Test
    void logLinesUseTheMeasuredEtaNotTheRunnersWallClockRatio() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress p = LiveProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0, "search",
                false, () -> 2);
        p.progress(snapshot(0, 2, 0));
        p.progress(snapshot(2, 2, 20));
        p.progress(snapshot(2, 2, 50));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertFalse(lines[0].contains("ETA"), lines[0]);
        assertTrue(lines[1].endsWith("ETA 03:00"), lines[1]);
        assertTrue(lines[2].endsWith("ETA 02:30"), lines[2]);
    }
}
