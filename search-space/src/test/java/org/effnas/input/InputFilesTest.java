package org.effnas.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path dir;

    private static void assertRefused(Path file, String words) {
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidInputException.class, () -> InputFiles.readText(file, "spec file")));
        assertTrue(e.getMessage().startsWith("spec file " + file + ": cannot be read (") && e.getMessage().contains(words),
                e.getMessage());
    }

    @Test
    void readsARegularUtf8File() throws IOException {
        Path f = Files.writeString(dir.resolve("a.yaml"), "k: é\n");
        assertEquals("k: é\n", InputFiles.readText(f, "spec file"));
    }

    @Test
    void refusesMissingFilesDirectoriesAndOversizedFiles() throws IOException {
        assertRefused(dir.resolve("missing"), "no such file");
        assertRefused(dir, "a directory");
        Path big = Files.write(dir.resolve("big.yaml"), new byte[(int) InputFiles.MAX_TEXT_BYTES + 1]);
        assertRefused(big, "more than the 1048576 read at most");
        Path latin1 = Files.write(dir.resolve("l.yaml"), new byte[] {'k', ':', ' ', (byte) 0xe9, '\n'});
        assertRefused(latin1, "not UTF-8");
    }

    @Test
    void refusesDevicesAndFifosWithoutOpeningThem() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertRefused(Path.of("/dev/zero"), "not a regular file");
        Path fifo = dir.resolve("fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo missing");
        assertRefused(fifo, "not a regular file"); // opening it would block forever without a writer
    }
}
