package org.effnas.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.eval.Candidate;
import org.effnas.eval.CandidateFixtures;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

    @TempDir
    Path dir;

    static JournalHeader header(String strategy) {
        ObjectNode config = EvalJson.MAPPER.createObjectNode();
        config.put("strategy", strategy);
        config.put("space", "mnasnet-small");
        return JournalHeader.of("search", config, 1);
    }

    static EvalResult ok(Candidate c, double top1) {
        return new EvalResult(c.id(), c.specKey(), top1, Double.NaN, Double.NaN, 10, 20, Double.NaN, Double.NaN, 0.1,
                "local-0", null, Provenance.of("surrogate", c.seed(), c.training(), "d", "", "v"));
    }

    static Candidate candidate(int i) {
        var base = Architectures.get("effnas-mini");
        return Candidate.of(String.format("c%06d", i), base.withResolution(20 + i), TrainingSettings.defaults(), 1);
    }

    private List<String> warnings = new ArrayList<>();

    private JournalFile open(Path file, JournalHeader h, boolean resume) {
        return JournalFile.open(file, h, resume, warnings::add);
    }

    @Test
    void recordsSubmissionsAndResultsExactlyOnceAndSurvivesReopening() {
        Path file = dir.resolve("journal.jsonl");
        JournalHeader h = header("evolution");
        try (JournalFile j = open(file, h, false)) {
            j.submitted(candidate(1));
            j.submitted(candidate(2));
            j.submitted(candidate(1)); // a re-issue is a no-op
            assertTrue(j.recorded(ok(candidate(1), 0.5)));
            assertFalse(j.recorded(ok(candidate(1), 0.9)), "a second result for c000001 is ignored");
            assertEquals(List.of(candidate(2)), j.pending());
        }
        try (JournalFile j = open(file, h, true)) {
            assertEquals(2, j.candidates().size());
            assertEquals(1, j.results().size());
            assertEquals(0.5, j.result("c000001").orElseThrow().top1());
            assertEquals(List.of("c000002"), j.pending().stream().map(Candidate::id).toList());
            assertEquals(3, j.events().size());
            assertTrue(j.recorded(ok(candidate(2), 0.7)));
            assertTrue(j.pending().isEmpty());
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void everyLineCarriesTheCandidateIdAndSpecKey() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (JournalFile j = open(file, header("evolution"), false)) {
            j.submitted(candidate(1));
            j.recorded(ok(candidate(1), 0.5));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("\"type\":\"header\"") && lines.get(0).contains("\"format\":2"), lines.get(0));
        for (String line : lines.subList(1, 3)) {
            var n = EvalJson.MAPPER.readTree(line);
            assertEquals("c000001", n.get("id").asText());
            assertEquals(candidate(1).specKey(), n.get("spec_key").asText());
        }
    }

    @Test
    void tornLastLineIsReportedSkippedAndTruncatedBeforeNewAppends() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        JournalHeader h = header("evolution");
        try (JournalFile j = open(file, h, false)) {
            j.submitted(candidate(1));
            j.recorded(ok(candidate(1), 0.5));
            j.submitted(candidate(2));
        }
        String full = Files.readString(file);
        String torn = "{\"type\":\"result\",\"id\":\"c000002\",\"spec_key\":\"res22";
        Files.writeString(file, full + torn, StandardCharsets.UTF_8);
        try (JournalFile j = open(file, h, true)) {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("line 5") && warnings.get(0).contains("torn"), warnings.get(0));
            assertEquals(List.of("c000002"), j.pending().stream().map(Candidate::id).toList(), "nothing else is lost");
            assertEquals(full, Files.readString(file), "the torn bytes are truncated away");
            j.recorded(ok(candidate(2), 0.6));
        }
        for (String line : Files.readAllLines(file)) {
            EvalJson.MAPPER.readTree(line); // still valid JSON lines
        }
        warnings.clear();
        try (JournalFile j = open(file, h, true)) {
            assertTrue(warnings.isEmpty());
            assertEquals(2, j.results().size());
        }
    }

    @Test
    void corruptLineInTheMiddleIsRefusedAndTheFileIsUntouched() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        JournalHeader h = header("evolution");
        try (JournalFile j = open(file, h, false)) {
            j.submitted(candidate(1));
            j.submitted(candidate(2));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, "garbage{");
        Files.write(file, lines);
        byte[] before = Files.readAllBytes(file);
        InvalidJournalException e = assertThrows(InvalidJournalException.class, () -> open(file, h, true));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anotherExperimentsJournalIsRefusedNamingTheDifferenceAndUntouched() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (JournalFile j = open(file, header("evolution"), false)) {
            j.submitted(candidate(1));
        }
        byte[] before = Files.readAllBytes(file);
        for (boolean resume : new boolean[] {true, false}) {
            InvalidJournalException e = assertThrows(InvalidJournalException.class,
                    () -> open(file, header("random"), resume));
            assertTrue(e.getMessage().contains("another experiment") && e.getMessage().contains("strategy"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        }
    }

    @Test
    void sameExperimentWithoutResumeIsRefusedWithTheHint() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (JournalFile j = open(file, header("evolution"), false)) {
            j.submitted(candidate(1));
        }
        byte[] before = Files.readAllBytes(file);
        InvalidJournalException e = assertThrows(InvalidJournalException.class, () -> open(file, header("evolution"), false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void newerFormatIsRefusedAndUntouched() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        ObjectNode h = header("evolution").toJson();
        h.put("format", JournalHeader.CURRENT_FORMAT + 1);
        Files.writeString(file, h + "\n");
        byte[] before = Files.readAllBytes(file);
        InvalidJournalException e = assertThrows(InvalidJournalException.class, () -> open(file, header("evolution"), true));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aJournalOpenElsewhereIsRefused() {
        Path file = dir.resolve("journal.jsonl");
        try (JournalFile j = open(file, header("evolution"), false)) {
            InvalidJournalException e = assertThrows(InvalidJournalException.class,
                    () -> open(file, header("evolution"), true));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void resultsForUnknownCandidatesAreRejected() {
        try (InMemoryResultStore s = InMemoryResultStore.of(header("x"))) {
            assertThrows(IllegalArgumentException.class, () -> s.recorded(ok(CandidateFixtures.candidate("nope"), 0.1)));
        }
    }

    @Test
    void experimentIdIgnoresKeyOrderButNotValues() {
        ObjectNode a = EvalJson.MAPPER.createObjectNode().put("x", 1).put("y", "z");
        ObjectNode b = EvalJson.MAPPER.createObjectNode().put("y", "z").put("x", 1);
        assertEquals(JournalHeader.experimentId("search", a, 1), JournalHeader.experimentId("search", b, 1));
        assertFalse(JournalHeader.experimentId("search", a, 1).equals(JournalHeader.experimentId("search", a, 2)));
    }
}
