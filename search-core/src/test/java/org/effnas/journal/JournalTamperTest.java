package org.effnas.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Fidelity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand edits, reordering, removal, duplicates and write failures of a journal: each is detected with
 * its line number, or fails clearly without losing what was recorded.
 */
class JournalTamperTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private Path mounted;

    private JournalFile open(Path file, boolean resume) {
        return JournalFile.open(file, JournalFileTest.header("evolution"), resume, warnings::add);
    }

    /** A journal with header, 3 submissions and 2 results: lines 1..6. */
    private Path journal() {
        Path file = dir.resolve("journal.jsonl");
        try (JournalFile j = open(file, false)) {
            for (int i = 1; i <= 3; i++) {
                j.submitted(JournalFileTest.candidate(i));
            }
            j.recorded(JournalFileTest.ok(JournalFileTest.candidate(1), 0.5));
            j.recorded(JournalFileTest.ok(JournalFileTest.candidate(2), 0.6));
        }
        return file;
    }

    private void assertRefusedAt(Path file, int line, String words) throws IOException {
        byte[] before = Files.readAllBytes(file);
        InvalidJournalException e = assertThrows(InvalidJournalException.class, () -> open(file, true));
        assertTrue(e.getMessage().contains("line " + line + ":") && e.getMessage().contains(words), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertArrayEquals(before, Files.readAllBytes(file), "a refused journal is left untouched");
        assertThrows(InvalidJournalException.class, () -> JournalFile.read(file, w -> { }));
    }

    @Test
    void everyLineCarriesAChainedChecksum() throws IOException {
        List<String> lines = Files.readAllLines(journal());
        assertEquals(6, lines.size());
        String previous = LineChecksum.START;
        for (String line : lines) {
            LineChecksum.Sealed s = LineChecksum.open(line);
            assertEquals(LineChecksum.of(previous, s.content()), s.checksum(), line);
            previous = s.checksum();
        }
    }

    @Test
    void anEditedResultIsDetectedWithItsLineNumber() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        assertTrue(lines.get(4).contains("\"top1\":0.5"), lines.get(4));
        lines.set(4, lines.get(4).replace("\"top1\":0.5", "\"top1\":0.999"));
        Files.write(file, lines);
        assertRefusedAt(file, 5, "checksum mismatch");
    }

    @Test
    void reorderedLinesAreDetected() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Collections.swap(lines, 2, 3);
        Files.write(file, lines);
        assertRefusedAt(file, 3, "checksum mismatch");
    }

    @Test
    void aRemovedLineIsDetectedAtTheLineAfterIt() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines);
        assertRefusedAt(file, 3, "removed");
    }

    @Test
    void aLineWithoutItsChecksumIsDetected() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, LineChecksum.open(lines.get(3)).content());
        Files.write(file, lines);
        assertRefusedAt(file, 4, "no checksum");
    }

    @Test
    void aConflictingSecondResultIsDetectedEvenWithAValidChain() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // a forger who recomputes the chain still cannot record a second result for c000001
        String forged = LineChecksum.open(lines.get(4)).content().replace("\"top1\":0.5", "\"top1\":0.999");
        lines.add(LineChecksum.seal(forged, LineChecksum.of(LineChecksum.open(lines.get(5)).checksum(), forged)));
        Files.write(file, lines);
        assertRefusedAt(file, 7, "a second result for candidate c000001 (the first is on line 5)");
    }

    @Test
    void eachRungOfACandidateKeepsItsOwnResult() {
        Path file = dir.resolve("rungs.jsonl");
        Candidate base = JournalFileTest.candidate(1);
        Candidate r0 = Candidate.of("c000001@r0", base.spec(), base.training(), base.seed(),
                new Fidelity("c000001", 0, 0, 10, 0, null, "c000001-10"));
        Candidate r1 = r0.atRung("c000001@r1", new Fidelity("c000001", 0, 1, 30, 10, "c000001-10", "c000001-30"));
        try (JournalFile j = open(file, false)) {
            j.submitted(r0);
            j.recorded(JournalFileTest.ok(r0, 0.5));
            j.submitted(r1);
            j.recorded(JournalFileTest.ok(r1, 0.6));
        }
        try (JournalFile j = open(file, true)) {
            assertEquals(2, j.results().size(), "one result per rung is no conflict");
        }
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(3, "");
        lines.add(5, "   ");
        Files.write(file, lines);
        try (JournalFile j = open(file, true)) {
            assertEquals(3, j.candidates().size());
            assertEquals(2, j.results().size());
            j.recorded(JournalFileTest.ok(JournalFileTest.candidate(3), 0.7));
        }
        try (JournalFile j = open(file, true)) {
            assertEquals(3, j.results().size());
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aJournalWithoutChecksumsStillReadsWithAWarning() throws IOException {
        Path file = journal();
        List<String> contents = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            contents.add(LineChecksum.open(l).content());
        }
        contents.set(0, contents.get(0).replace("\"format\":2", "\"format\":1"));
        Files.write(file, contents);
        try (JournalFile j = open(file, true)) {
            assertEquals(2, j.results().size());
            j.recorded(JournalFileTest.ok(JournalFileTest.candidate(3), 0.7));
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("without line checksums")), warnings.toString());
        assertTrue(Files.readAllLines(file).stream().noneMatch(l -> l.contains("\"chk\"")),
                "an old journal is continued in its own format");
        warnings.clear();
        try (JournalFile j = open(file, true)) {
            assertEquals(3, j.results().size());
        }
    }

    @Test
    void aDuplicateKeyInALineIsRefused() throws IOException {
        Path file = journal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(4, lines.get(4).replace("{\"type\":\"result\",", "{\"type\":\"result\",\"top1\":0.999,"));
        Files.write(file, lines);
        assertRefusedAt(file, 5, "given twice");
    }

    @Test
    void aReadOnlyJournalIsAClearFailure() throws IOException {
        Path file = journal();
        byte[] before = Files.readAllBytes(file);
        if (isRoot()) {
            // root ignores file modes: a read-only mount is what refuses it
            Path mount = mountTmpfs("1m");
            Path copy = mount.resolve("journal.jsonl");
            Files.copy(file, copy);
            assumeTrue(run("mount", "-o", "remount,ro", mount.toString()), "remount read-only failed");
            file = copy;
        } else {
            assumeTrue(file.toFile().setWritable(false));
        }
        Path target = file;
        JournalWriteException e = assertThrows(JournalWriteException.class, () -> open(target, true));
        assertTrue(e.getMessage().contains("cannot be opened for writing") && e.getMessage().contains("read-only")
                && e.getMessage().contains("rerun the same command with --resume"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
    }

    @Test
    void aFullDiskIsAClearFailureAndResumingOnABiggerDiskLosesNothing() throws IOException {
        assumeTrue(isRoot(), "mounting a small tmpfs needs root");
        Path mount = mountTmpfs("200k");
        Path file = mount.resolve("journal.jsonl");
        List<Candidate> submitted = new ArrayList<>();
        JournalWriteException failure = null;
        try (JournalFile j = open(file, false)) {
            for (int i = 1; i < 100_000 && failure == null; i++) {
                Candidate c = JournalFileTest.candidate(i % 900 + 1 + 1000 * (i / 900));
                try {
                    j.submitted(c);
                    submitted.add(c);
                    j.recorded(JournalFileTest.ok(c, 0.5));
                } catch (JournalWriteException full) {
                    failure = full;
                }
            }
            assertTrue(failure != null, "a 200 KB disk fills up");
            assertTrue(failure.getMessage().contains("no space left on device")
                    && failure.getMessage().contains("nothing recorded before is lost")
                    && failure.getMessage().contains("rerun the same command with --resume"), failure.getMessage());
            assertEquals(1, failure.getMessage().lines().count());
        }
        Path bigger = dir.resolve("bigger").resolve("journal.jsonl");
        Files.createDirectories(bigger.getParent());
        Files.copy(file, bigger);
        try (JournalFile j = open(bigger, true)) {
            // every candidate whose submission returned is there; all but possibly the last have a result
            assertEquals(submitted.stream().map(Candidate::id).toList(),
                    j.candidates().stream().map(Candidate::id).toList());
            assertTrue(j.results().size() >= submitted.size() - 1, j.results().size() + " of " + submitted.size());
            for (Candidate c : j.pending()) {
                j.recorded(JournalFileTest.ok(c, 0.5));
            }
        }
        try (JournalFile j = open(bigger, true)) {
            assertEquals(submitted.size(), j.results().size());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path mountTmpfs(String size) throws IOException {
        Path mount = Files.createDirectories(dir.resolve("tmpfs-" + size));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()),
                "mounting a tmpfs failed (no privilege in this container)");
        mounted = mount;
        return mount;
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @AfterEach
    void unmount() {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }
}
