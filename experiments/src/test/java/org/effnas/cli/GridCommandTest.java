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
    void writesTheGridWithTheExactColumnsOneWinnerAndTheFamily() throws IOException {
        Path out = dir.resolve("grid");
        InspectCommandTest.Run r = run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.1",
                "--seeds", "2", "--workers", "2", "--no-cache", "--family", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("SURROGATE grid"), r.out());
        List<String> lines = Files.readAllLines(out.resolve("grid.csv"));
        assertEquals("alpha,beta,gamma,flops_ratio_nominal,flops_ratio_actual,accuracy_mean,accuracy_std,ci_low,ci_high,winner",
                lines.get(0));
        assertEquals(22, lines.size(), "21 feasible triples at step 0.1");
        assertEquals(1, lines.stream().filter(l -> l.endsWith(",true")).count());
        assertTrue(Files.exists(out.resolve("journal.jsonl")));
        assertTrue(Files.exists(out.resolve("family").resolve("effnas-mini-phi2.yaml")));
        assertTrue(Files.exists(out.resolve("family").resolve("effnas-mini-phi2.json")));
        assertEquals(4, Files.readAllLines(out.resolve("family.csv")).size());
    }

    @Test
    void noFeasibleTripleIsBadInputAndWritesNothing() {
        Path out = dir.resolve("none");
        assertBadInput(run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.5", "--max", "1.2",
                "--tolerance", "0.01", "--no-cache", "--out", out.toString()), "--step");
        assertFalse(Files.exists(out.resolve("journal.jsonl")));
    }

    @Test
    void aJournalFromAnotherExperimentIsRefusedUntouched() throws IOException {
        Path out = dir.resolve("g");
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2", "--no-cache",
                "--out", out.toString()).exitCode());
        byte[] before = Files.readAllBytes(out.resolve("journal.jsonl"));
        assertBadInput(run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.1", "--no-cache",
                "--resume", "--out", out.toString()), "another experiment");
        assertArrayEquals(before, Files.readAllBytes(out.resolve("journal.jsonl")));
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2", "--no-cache",
                "--resume", "--out", out.toString()).exitCode(), "the same grid resumes (nothing left to do)");
    }
}
