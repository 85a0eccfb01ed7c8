package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker JVM killed with SIGKILL mid-evaluation leaves no trainer process (nor its children). */
class KilledWorkerTest {

    @TempDir
    Path dir;

    @Test
    void sigkilledWorkerLeavesNoTrainerBehind() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = FakeCommands.script(dir, "trainer", "sleep 300 & echo $! >> " + pids + "; echo $$ >> " + pids
                + "; wait");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process worker = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName(), dir.toString(), script.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
        List<Long> ids = List.of();
        for (int i = 0; i < 300 && ids.size() < 2; i++) {
            Thread.sleep(100);
            if (Files.exists(pids)) {
                ids = Files.readAllLines(pids).stream().map(String::trim).filter(s -> !s.isEmpty())
                        .map(Long::parseLong).toList();
            }
        }
        assertEquals(2, ids.size(), "the trainer never started: " + Files.readString(dir.resolve("worker.log")));
        for (long pid : ids) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "trainer " + pid + " not running");
        }
        worker.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(worker.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, worker.exitValue());
        for (long pid : ids) {
            boolean gone = false;
            for (int i = 0; i < 100 && !gone; i++) {
                gone = !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!gone) {
                    Thread.sleep(50);
                }
            }
            assertFalse(!gone, "trainer process " + pid + " outlived the SIGKILLed worker");
        }
    }
}
