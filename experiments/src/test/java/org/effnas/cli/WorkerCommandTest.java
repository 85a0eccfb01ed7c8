package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code effnas worker}: bad input is exit 2, an unreachable coordinator exit 1, a finished experiment exit 0. */
class WorkerCommandTest {

    @TempDir
    static Path tmp;

    /** A coordinator's credentials and the secret file a worker is given. */
    private static ClusterCredentials credentials(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        return ClusterCredentials.loadOrCreate(dir);
    }

    private static String secretFile(String name) {
        return tmp.resolve(name).resolve(ClusterCredentials.FILE).toString();
    }

    @Test
    void helpShowsAnExample() {
        StringWriter out = new StringWriter();
        CommandLine cl = Effnas.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("worker", "--help"));
        assertTrue(out.toString().contains("effnas worker --join 10.0.0.5:5701 --cluster"), out.toString());
        assertTrue(out.toString().contains("--secret-file"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--devices=tpu:1", "--devices=cpu:0", "--devices=gpu:0,0", "--join=host:port",
            "--evaluator=surrogate", "--task-seconds=-1"})
    void badInputIsExitCode2(String bad) throws IOException {
        ClusterCredentials c = credentials("bad");
        List<String> args = new ArrayList<>(List.of("worker", "--join", "127.0.0.1:1", "--cluster", c.clusterName(),
                "--secret-file", secretFile("bad"), "--evaluator", "synthetic", "--reconnect-timeout", "1"));
        if (bad.startsWith("--evaluator")) {
            args.removeAll(List.of("--evaluator", "synthetic"));
        }
        args.add(bad);
        StringWriter err = new StringWriter();
        CommandLine cl = Effnas.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute(args.toArray(String[]::new)), err.toString());
        assertEquals(1, err.toString().lines().count(), "one line, no stack trace: " + err);
    }

    @Test
    void unreachableCoordinatorIsExitCode1() throws IOException {
        ClusterCredentials c = credentials("nobody");
        assertEquals(1, Effnas.execute("worker", "--join", "127.0.0.1:" + freePort(), "--cluster", c.clusterName(),
                "--secret-file", secretFile("nobody"), "--evaluator", "synthetic", "--reconnect-timeout", "1"));
    }

    @Test
    void withoutASecretOrWithAnotherClustersFileTheWorkerIsExitCode2() throws IOException {
        credentials("mine");
        StringWriter err = new StringWriter();
        CommandLine cl = Effnas.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("worker", "--join", "127.0.0.1:1", "--cluster", "effnas-else", "--evaluator",
                "synthetic"));
        assertTrue(err.toString().contains("--secret-file: missing"), err.toString());
        assertEquals(2, cl.execute("worker", "--join", "127.0.0.1:1", "--cluster", "effnas-else", "--secret-file",
                secretFile("mine"), "--evaluator", "synthetic"));
        assertTrue(err.toString().contains("belongs to cluster"), err.toString());
    }

    @Test
    void evaluatesForACoordinatorAndExitsZeroWhenTheExperimentIsOver() throws Exception {
        ClusterCredentials c = credentials("cli-test");
        ClusterSettings settings = ClusterSettings.of(c.clusterName(), SleepingEvaluator.KIND)
                .withCredentials(c)
                .withBind(HostPort.of("127.0.0.1", 0))
                .withLeases(Duration.ofSeconds(3), Duration.ofMillis(300));
        ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { });
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Effnas.execute("worker",
                "--join", coordinator.address().toString(), "--cluster", c.clusterName(), "--secret-file",
                secretFile("cli-test"), "--evaluator", "synthetic",
                "--task-seconds", "0.05", "--devices", "cpu:2", "--id", "cli-w"));
        try {
            assertTrue(coordinator.awaitWorkers(1, Duration.ofSeconds(60)));
            assertEquals(2, coordinator.capacity());
            List<CompletableFuture<EvalResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(coordinator.submit(Candidate.of("c" + i, Architectures.efficientNetB0(),
                        TrainingSettings.defaults(), i)));
            }
            for (CompletableFuture<EvalResult> f : results) {
                EvalResult r = f.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok() && r.workerId().startsWith("cli-w/cpu"), r.toString());
            }
        } finally {
            coordinator.close();
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aWorkerRunningAnotherEvaluatorKindIsRefused() throws Exception {
        ClusterCredentials c = credentials("cli-kind");
        ClusterSettings settings = ClusterSettings.of(c.clusterName(), "surrogate").withCredentials(c)
                .withBind(HostPort.of("127.0.0.1", 0));
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            StringWriter err = new StringWriter();
            CommandLine cl = Effnas.commandLine();
            cl.setErr(new PrintWriter(err));
            assertEquals(2, cl.execute("worker", "--join", coordinator.address().toString(), "--cluster",
                    c.clusterName(), "--secret-file", secretFile("cli-kind"), "--evaluator", "synthetic",
                    "--reconnect-timeout", "10"));
            assertTrue(err.toString().contains("runs 'surrogate' but this worker runs 'synthetic'"), err.toString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
