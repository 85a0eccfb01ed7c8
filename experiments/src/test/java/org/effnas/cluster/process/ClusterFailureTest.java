package org.effnas.cluster.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure tests with real processes on 127.0.0.1, through the code users run: {@code effnas
 * coordinator} (the experiment driver with its {@code JournalFile}) and {@code effnas worker}
 * processes with the surrogate sleeping a simulated training time, killed (SIGKILL), paused
 * (SIGSTOP/SIGCONT), terminated (SIGTERM), restarted with {@code --resume}. Leases are 2 s and
 * heartbeats 250 ms so each test takes seconds. Every test checks the journal: each candidate
 * recorded exactly once.
 */
class ClusterFailureTest extends ClusterProcessHarness {

    @Test
    void workerKilledMidEvaluationIsReplacedAndEveryCandidateRecordedOnce() throws Exception {
        experiment(8);
        JvmProcess coordinator = coordinator();
        JvmProcess a = worker("A", "--simulate-seconds", "2");
        JvmProcess b = worker("B");
        String victim = candidateOf(a.await(evaluating(), LONG));
        a.kill();
        CoordinatorLog.await(out, l -> l.contains("lease-lost") && about(l, victim), SHORT);
        assertEquals(0, coordinator.exitCode(LONG));
        Map<String, JsonNode> rows = exactlyOnce(8);
        assertTrue(by(rows.get(victim), "B"), "finished on the surviving worker");
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void aHungWorkerLosesItsLeaseAndItsLateResultIsDiscardedEveryTime() throws Exception {
        experiment(16);
        JvmProcess coordinator = coordinator();
        JvmProcess a = worker("A", "--simulate-seconds", "1.5");
        JvmProcess b = worker("B", "--simulate-seconds", "0.5");
        for (int round = 1; round <= 2; round++) {
            int seen = (int) a.count(evaluating());
            String line = a.await(nth(evaluating(), seen + 1, a), LONG);
            String victim = candidateOf(line);
            a.signal("STOP");
            CoordinatorLog.await(out, l -> l.contains("lease-lost") && about(l, victim)
                    && l.contains("lease expired"), SHORT);
            a.signal("CONT");
            CoordinatorLog.await(out, l -> l.contains("result-discarded") && about(l, victim)
                    && l.contains("worker=A/"), SHORT);
        }
        assertEquals(0, coordinator.exitCode(LONG));
        exactlyOnce(16);
        assertEquals(0, a.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void coordinatorKilledAndRestartedWithResumeRecordsEveryCandidateOnce() throws Exception {
        experiment(12);
        JvmProcess first = coordinator();
        JvmProcess a = worker("A");
        JvmProcess b = worker("B");
        awaitJournal(3);
        first.kill();
        int before = results().size();
        assertTrue(before >= 3 && before < 12, "recorded before the crash: " + before);
        JvmProcess second = coordinator("--resume");
        assertEquals(0, second.exitCode(LONG));
        exactlyOnce(12);
        String stopped = CoordinatorLog.last(out, l -> l.contains("coordinator-stopped"));
        assertTrue(stopped.contains("submitted=" + (12 - before) + ","), "re-issued only the unfinished: " + stopped);
        assertEquals(0, a.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
        assertTrue(a.count(l -> l.contains("lost the coordinator")) >= 1, "A noticed the crash");
    }

    @Test
    void lateJoinerTakesWorkAndEarlyLeaverLeavesCleanly() throws Exception {
        experiment(10);
        JvmProcess coordinator = coordinator();
        JvmProcess a = worker("A");
        awaitJournal(2);
        JvmProcess b = worker("B");
        b.await(evaluating(), LONG);
        a.signal("TERM");
        assertEquals(0, a.exitCode(SHORT), "a worker told to stop leaves cleanly");
        CoordinatorLog.await(out, l -> l.contains("worker-left worker=A"), SHORT);
        assertEquals(0, coordinator.exitCode(LONG));
        Map<String, JsonNode> rows = exactlyOnce(10);
        assertTrue(rows.values().stream().anyMatch(r -> by(r, "A")), "A did work");
        assertTrue(rows.values().stream().anyMatch(r -> by(r, "B")), "B did work");
        assertEquals(0, b.exitCode(SHORT));
    }

}
