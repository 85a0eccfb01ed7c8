package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.journal.JournalFile;
import org.effnas.notation.SpecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {

    @TempDir
    Path dir;

    private String[] search(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("search", "--space", "mnasnet-small", "--evaluator", "surrogate",
                "--cache", dir.resolve("cache").toString(), "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void helpIsCompleteWithAnExample() {
        InspectCommandTest.Run r = run("search", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--space", "--evaluator", "--strategy", "--budget", "--workers", "--seed",
                "--target-macs", "--w", "--hard", "--simulate-seconds", "--fresh", "--resume", "--out", "Examples:")) {
            assertTrue(r.out().contains(option), option + " missing from --help");
        }
    }

    @Test
    void searchesWritesTheWinnerAndResumesToALargerBudget() throws IOException {
        InspectCommandTest.Run r = run(search("run", "--budget", "25", "--workers", "2", "--seed", "3"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("SURROGATE search experiment-"), r.out());
        Path run = dir.resolve("run");
        assertTrue(Files.readString(run.resolve("best/spec.yaml")).contains("# SURROGATE"));
        SpecFiles.read(run.resolve("best/spec.yaml"));
        assertTrue(Files.isRegularFile(run.resolve("report.html")), "effnas report works on a search directory");
        InspectCommandTest.Run resumed = run(search("run", "--budget", "40", "--workers", "2", "--seed", "3", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        var journal = JournalFile.read(run.resolve("journal.jsonl"), w -> { });
        assertEquals(40, journal.results().size());
        assertEquals(40, journal.candidates().stream().map(c -> c.specKey()).distinct().count());
        // --workers 2 ran through the embedded Hazelcast cluster (its workers name their device slots,
        // "local-N/cpu0"), not plain local threads ("local-N")
        assertTrue(journal.results().stream().allMatch(x -> x.workerId().matches(".*local-\\d+/cpu\\d+")),
                journal.results().get(0).workerId());
    }

    @Test
    void aDirectoryHoldingAnExperimentIsRefusedWithoutResumeOrWhenItIsAnotherOne() throws IOException {
        assertEquals(0, run(search("run", "--budget", "10")).exitCode());
        Path journal = dir.resolve("run").resolve("journal.jsonl");
        byte[] before = Files.readAllBytes(journal);
        assertBadInput(run(search("run", "--budget", "10")), "pass --resume");
        assertBadInput(run(search("run", "--budget", "10", "--strategy", "random", "--resume")),
                "holds a different experiment (strategy.name differ");
        assertBadInput(run(search("run", "--budget", "10", "--seed", "2", "--resume")), "(seed differ");
        assertArrayEquals(before, Files.readAllBytes(journal));
    }

    @Test
    void aJournalFromANewerEffnasIsRefusedUntouched() throws IOException {
        assertEquals(0, run(search("run", "--budget", "5")).exitCode());
        Path journal = dir.resolve("run").resolve("journal.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        ObjectNode header = (ObjectNode) new ObjectMapper().readTree(lines.get(0));
        header.put("format", 99);
        lines.set(0, header.toString());
        Files.write(journal, lines);
        byte[] before = Files.readAllBytes(journal);
        assertBadInput(run(search("run", "--budget", "10", "--resume")), "newer effnas");
        assertArrayEquals(before, Files.readAllBytes(journal));
    }

    @Test
    void badInputExitsTwoBeforeAnyJournalIsWritten() throws IOException {
        assertBadInput(run(search("t0", "--budget", "10", "--target-macs", "0")), "--target-macs");
        assertBadInput(run(search("t0", "--budget", "10", "--target-macs", "-5")), "--target-macs");
        assertBadInput(run(search("t0", "--budget", "10", "--strategy", "hillclimb")), "--strategy");
        assertBadInput(run(search("t0", "--budget", "0")), "--budget");
        assertFalse(Files.exists(dir.resolve("t0").resolve("journal.jsonl")));
        Path empty = dir.resolve("empty-space.yaml");
        Files.writeString(empty, String.join("\n", "name: empty", "backbone:", "  - {t: 1, c: 16, n: 1, s: 1}",
                "choices:", "  op: []", "  kernel: [3]", "  se: [0]", "  skip: [true]", "  filters: [1.0]", "  layers: [0]", ""));
        InspectCommandTest.Run r = run("search", "--space", empty.toString(), "--evaluator", "surrogate", "--budget", "5",
                "--no-cache", "--out", dir.resolve("e").toString());
        assertBadInput(r, "choices.op");
    }

    @Test
    void nsga2RecordsEveryCandidateForTheFront() throws IOException {
        InspectCommandTest.Run r = run(search("front", "--budget", "40", "--strategy", "nsga2"));
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("front").resolve("candidates.csv"));
        assertEquals(41, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("nsga2,")));
    }

    @Test
    void theDl4jEvaluatorTrainsOnRealData() throws IOException {
        // Real training on the committed Fashion-MNIST subset (1000 training images of the real files).
        Path fixture = Path.of("..", "worker", "src", "test", "resources", "data", "fashion-mnist-mini");
        InspectCommandTest.Run r = run("search", "--space", "mnasnet-small", "--evaluator", "dl4j", "--budget", "2",
                "--data", fixture.toString(), "--subset", "200", "--epochs", "1", "--batch-size", "50", "--no-cache",
                "--out", dir.resolve("dl4j").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("SURROGATE"), r.out());
        List<String> journal = Files.readAllLines(dir.resolve("dl4j").resolve("journal.jsonl"));
        long trained = journal.stream()
                .filter(l -> l.startsWith("{\"type\":\"result\"") && l.contains("\"evaluator\":\"dl4j\"")).count();
        assertEquals(2, trained, String.join("\n", journal));
        assertTrue(Files.exists(dir.resolve("dl4j").resolve("best").resolve("spec.yaml")));
        assertTrue(Files.exists(dir.resolve("dl4j").resolve("best").resolve("model.zip")));
    }
}
