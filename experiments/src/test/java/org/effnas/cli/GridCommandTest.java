package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpIsCompleteWithAnExample() {
        InspectCommandTest.Run r = run("grid", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--base", "--evaluator", "--step", "--tolerance", "--max", "--seeds",
                "--max-triples", "--workers", "--out", "--family", "Examples:")) {
            assertTrue(r.out().contains(option), option + " missing from --help");
        }
    }

    @Test
    void writesTheGridOneWinnerAndTrainsTheFamily() throws IOException {
        Path out = dir.resolve("grid");
        InspectCommandTest.Run r = run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.1",
                "--seeds", "2", "--workers", "2", "--no-cache", "--family", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("SURROGATE grid"), r.out());
        var grid = org.effnas.report.ResultTables.readGrid(out);
        assertEquals(10 * 2, grid.size(), "the 10 triples nearest the constraint (the default cap), 2 seeds each");
        assertEquals(1, grid.stream().filter(g -> g.winner()).map(g -> g.alpha() + "," + g.beta() + "," + g.gamma())
                .distinct().count());
        assertTrue(Files.exists(out.resolve("grid-journal.jsonl")));
        assertTrue(Files.exists(out.resolve("family").resolve("B2.yaml")));
        var family = org.effnas.report.ResultTables.readFamily(out);
        assertEquals(List.of("B0", "B1", "B2", "D1", "W1", "R1"), family.stream().map(f -> f.name()).distinct().toList());
        assertTrue(family.stream().allMatch(f -> f.m().ok()));
        assertTrue(Files.isRegularFile(out.resolve("report.html")), "effnas report works on a grid directory");
    }

    @Test
    void noFeasibleTripleIsBadInputAndWritesNothing() {
        Path out = dir.resolve("none");
        assertBadInput(run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.5", "--max", "1.2",
                "--tolerance", "0.01", "--no-cache", "--out", out.toString()), "--step");
        assertFalse(Files.exists(out.resolve("grid-journal.jsonl")));
    }

    @Test
    void aJournalFromAnotherExperimentIsRefusedUntouched() throws IOException {
        Path out = dir.resolve("g");
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2", "--no-cache",
                "--out", out.toString()).exitCode());
        byte[] before = Files.readAllBytes(out.resolve("grid-journal.jsonl"));
        assertBadInput(run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.1", "--no-cache",
                "--resume", "--out", out.toString()), "grid.step");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("grid-journal.jsonl")));
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2", "--no-cache",
                "--resume", "--out", out.toString()).exitCode(), "the same grid resumes (nothing left to do)");
    }
}
