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
        assertEquals(wide, ProgressLine.format("search evolution", false, 2, snapshot, wide.length() + 1));
        String at80 = ProgressLine.format("search evolution", false, 2, snapshot, 80);
        assertEquals("[search evolution] 12/20 done | best reward 0.8412 | 03:12 elapsed, ETA 02:05", at80,
                "80 columns: the workers, the best's details and the running and failed counts go first");
        assertEquals("[search evolution] 12/20 done | ETA 02:05",
                ProgressLine.format("search evolution", false, 2, snapshot, 45), "the time part keeps the ETA alone");
        String cut = ProgressLine.format("search evolution", false, 2, snapshot, 30);
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
}
