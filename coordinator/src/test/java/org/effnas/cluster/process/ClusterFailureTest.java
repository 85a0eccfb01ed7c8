package org.effnas.cluster.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure tests with real JVMs on 127.0.0.1: a coordinator process recording into a journal and
 * worker processes with a sleeping evaluator, killed (SIGKILL), paused (SIGSTOP/SIGCONT),
 * terminated (SIGTERM), restarted. Leases are 2 s and heartbeats 250 ms so each test takes seconds.
 */
class ClusterFailureTest {

    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<JvmProcess> processes = new ArrayList<>();
    private String cluster;
    private int port;
    private Path journal;

    @BeforeEach
    void setUp() throws IOException {
        cluster = "effnas-t" + UUID.randomUUID().toString().substring(0, 8);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        journal = dir.resolve("journal.tsv");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (JvmProcess p : processes) {
            p.close();
        }
    }

    @Test
    void workerKilledMidEvaluationIsReplacedAndEveryCandidateRecordedOnce() throws Exception {
        JvmProcess coordinator = coordinator("--candidates", "6");
        JvmProcess a = worker("A", "--task-ms", "1500");
        JvmProcess b = worker("B", "--task-ms", "1500");
        String victim = a.await("start ", SHORT).split(" ")[1];
        a.kill();
        coordinator.await(l -> l.startsWith("lease-lost") && l.contains("candidate=" + victim), SHORT);
        coordinator.await("DONE", LONG);
        assertEquals(0, coordinator.exitCode(SHORT));
        Map<String, List<String[]>> rows = exactlyOnce(6);
        assertEquals("ok", rows.get(victim).get(0)[1]);
        assertEquals("B/cpu0", rows.get(victim).get(0)[3], "finished on the surviving worker");
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void hungWorkerLosesItsLeaseAndItsLateResultIsDiscarded() throws Exception {
        JvmProcess coordinator = coordinator("--candidates", "8");
        JvmProcess a = worker("A", "--task-ms", "1500");
        JvmProcess b = worker("B", "--task-ms", "1500");
        String victim = a.await("start ", SHORT).split(" ")[1];
        a.signal("STOP");
        coordinator.await(l -> l.startsWith("lease-lost") && l.contains("candidate=" + victim)
                && l.contains("lease expired"), SHORT);
        a.signal("CONT");
        coordinator.await(l -> l.startsWith("result-discarded") && l.contains("candidate=" + victim)
                && l.contains("worker=A/"), SHORT);
        coordinator.await("DONE", LONG);
        exactlyOnce(8);
        assertEquals(0, coordinator.exitCode(SHORT));
        assertEquals(0, a.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void candidateFailingEveryAttemptIsRecordedAsFailedAndTheRunGoesOn() throws Exception {
        JvmProcess coordinator = coordinator("--candidates", "5", "--max-attempts", "3");
        JvmProcess a = worker("A", "--task-ms", "200", "--devices", "cpu:2", "--fail", "c001");
        String stats = coordinator.await("STATS", LONG);
        Map<String, List<String[]>> rows = exactlyOnce(5);
        String[] failed = rows.get("c001").get(0);
        assertEquals("failed", failed[1]);
        assertTrue(failed[4].startsWith("failed after 3 attempts") && failed[4].contains("NaN"), failed[4]);
        assertEquals(4, rows.values().stream().filter(r -> r.get(0)[1].equals("ok")).count());
        assertTrue(stats.contains("retries=2") && stats.contains("failedFinal=1"), stats);
        assertEquals(0, coordinator.exitCode(SHORT));
        assertEquals(0, a.exitCode(SHORT));
    }

    @Test
    void coordinatorKilledAndRestartedResumesFromTheJournal() throws Exception {
        String[] args = {"--candidates", "10"};
        JvmProcess first = coordinator(args);
        JvmProcess a = worker("A", "--task-ms", "1000");
        JvmProcess b = worker("B", "--task-ms", "1000");
        first.await(nth("recorded ", 3, first), LONG);
        first.kill();
        int before = LineJournal.rows(journal).size();
        assertTrue(before >= 3 && before < 10, "recorded before the crash: " + before);
        JvmProcess second = coordinator(args);
        second.await("batch candidates=10 recorded-before=" + before + " to-run=" + (10 - before), SHORT);
        second.await(l -> l.startsWith("worker-joined worker=A"), SHORT);
        second.await(l -> l.startsWith("worker-joined worker=B"), SHORT);
        String stats = second.await("STATS", LONG);
        assertTrue(stats.contains("submitted=" + (10 - before) + ","), "re-issued only unfinished: " + stats);
        exactlyOnce(10);
        assertEquals(0, second.exitCode(SHORT));
        assertEquals(0, a.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
        assertTrue(a.count(l -> l.contains("lost the coordinator")) >= 1, "A noticed the crash");
    }

    @Test
    void lateJoinerTakesWorkAndEarlyLeaverLeavesCleanly() throws Exception {
        JvmProcess coordinator = coordinator("--candidates", "10");
        JvmProcess a = worker("A", "--task-ms", "700");
        coordinator.await(nth("recorded ", 2, coordinator), LONG);
        JvmProcess b = worker("B", "--task-ms", "700");
        b.await("start ", SHORT);
        a.signal("TERM");
        assertEquals(0, a.exitCode(SHORT), "a worker told to stop leaves cleanly");
        coordinator.await("worker-left worker=A", SHORT);
        coordinator.await("DONE", LONG);
        Map<String, List<String[]>> rows = exactlyOnce(10);
        assertTrue(rows.values().stream().anyMatch(r -> r.get(0)[3].startsWith("A/")), "A did some work");
        assertTrue(rows.values().stream().anyMatch(r -> r.get(0)[3].startsWith("B/")), "B did some work");
        assertEquals(0, coordinator.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void membersAndClientsOfAnotherClusterAreNotAdmitted() throws Exception {
        ClusterSettings settings = ClusterSettings.of(cluster, SleepingEvaluator.KIND)
                .withBind(HostPort.of("127.0.0.1", port))
                .withLeases(Duration.ofSeconds(2), Duration.ofMillis(250));
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            JvmProcess foreignMember = start("foreign-member", ForeignMemberMain.class, "--cluster", cluster + "-other",
                    "--bind", "127.0.0.1:" + freePort(), "--join", "127.0.0.1:" + port);
            JvmProcess foreignWorker = start("foreign-worker", WorkerMain.class, "--cluster", cluster + "-other",
                    "--join", "127.0.0.1:" + port, "--id", "F", "--reconnect-s", "3");
            assertEquals("MEMBERS 1", foreignMember.await("MEMBERS", LONG), "the foreign member is alone");
            assertEquals(1, coordinator.memberCount(), "the coordinator admitted nobody");
            assertEquals(1, foreignWorker.exitCode(SHORT), "a client of another cluster cannot connect");
            assertTrue(foreignWorker.count(l -> l.contains("no coordinator of cluster")) == 1);
            JvmProcess good = worker("G", "--task-ms", "100");
            assertTrue(coordinator.awaitWorkers(1, SHORT), "a worker with the right name joins");
            assertEquals(0, coordinator.stats().workers() - 1);
            coordinator.close();
            assertEquals(0, good.exitCode(SHORT));
        }
    }

    private JvmProcess coordinator(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cluster", cluster, "--bind", "127.0.0.1:" + port,
                "--journal", journal.toString(), "--lease-ms", "2000", "--heartbeat-ms", "250"));
        args.addAll(List.of(extra));
        return start("coordinator", CoordinatorMain.class, args.toArray(String[]::new));
    }

    private JvmProcess worker(String id, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cluster", cluster, "--join", "127.0.0.1:" + port,
                "--id", id));
        args.addAll(List.of(extra));
        return start("worker-" + id, WorkerMain.class, args.toArray(String[]::new));
    }

    private JvmProcess start(String name, Class<?> main, String... args) throws IOException {
        // stderr goes to target/process-logs so a failed CI run can be read afterwards
        Path logs = Path.of("target", "process-logs", cluster);
        java.nio.file.Files.createDirectories(logs);
        JvmProcess p = JvmProcess.start(name + "-" + processes.size(), main, logs, args);
        processes.add(p);
        return p;
    }

    /** Every candidate c000..c(n-1) appears in the journal exactly once. */
    private Map<String, List<String[]>> exactlyOnce(int n) {
        Map<String, List<String[]>> byId = LineJournal.rows(journal).stream()
                .collect(Collectors.groupingBy(r -> r[0]));
        assertEquals(n, byId.size(), "candidates recorded: " + byId.keySet());
        byId.forEach((id, rows) -> assertEquals(1, rows.size(), id + " recorded " + rows.size() + " times"));
        return byId;
    }

    /** Matches the line at which the n-th line starting with {@code prefix} was printed. */
    private static java.util.function.Predicate<String> nth(String prefix, int n, JvmProcess p) {
        return line -> line.startsWith(prefix) && p.count(l -> l.startsWith(prefix)) >= n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
