package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.report.ResultTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code effnas coordinator} with an {@code effnas worker} joining it, end to end with the surrogate. */
class CoordinatorCommandTest {

    private static final String TINY = """
            dataset: fashion-mnist
            space: mnasnet-small
            evaluator: {kind: surrogate, local_workers: 2}
            strategy: {name: evolution, population: 4, budget: {evaluations: 8}}
            grid: {max_triples: 2, max: 1.4}
            family: {phi_max: 1}
            seed: 5
            """;

    @Test
    void helpShowsAnExample() {
        StringWriter out = new StringWriter();
        CommandLine cl = Effnas.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("coordinator", "--help"));
        assertTrue(out.toString().contains("effnas coordinator --config"), out.toString());
    }

    @Test
    void aBadBindAddressIsExitCode2(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        assertEquals(2, Effnas.execute("coordinator", "--config", config.toString(), "--out",
                tmp.resolve("exp").toString(), "--bind", "127.0.0.1:99999"));
    }

    @Test
    void runsAnExperimentOnAWorkerThatJoinsAndLeavesWhenItIsOver(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        Path out = tmp.resolve("exp");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        // the coordinator logs on stderr, the progress channel of every command
        PrintStream original = System.err;
        System.setErr(new PrintStream(new LineTee(original, lines), true, StandardCharsets.UTF_8));
        try {
            String bind = "127.0.0.1:" + port;
            CompletableFuture<Integer> coordinator = CompletableFuture.supplyAsync(() -> Effnas.execute("coordinator",
                    "--config", config.toString(), "--out", out.toString(), "--bind", bind, "--no-cache"));
            String advice = null;
            List<String> seen = new ArrayList<>();
            while (advice == null) {
                String line = lines.poll(90, TimeUnit.SECONDS);
                assertTrue(line != null, "the coordinator never printed how to start workers");
                seen.add(line);
                advice = line.contains("effnas worker ") ? line : null;
            }
            // the printed command, run exactly as a user would copy it
            String[] printed = advice.substring(advice.indexOf("effnas worker ") + "effnas ".length()).trim().split(" +");
            assertEquals(0, Effnas.execute(printed), "the copied worker command works and leaves with 0 when done");
            assertEquals(0, coordinator.get(60, TimeUnit.SECONDS));
            Path secret = out.resolve("cluster.secret");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            String key = ClusterCredentials.read(secret, "test").secret().text();
            lines.drainTo(seen);
            assertTrue(seen.stream().noneMatch(l -> l.contains(key)), "the key is never printed");
            assertTrue(String.join(" ", printed).contains("--secret-file " + secret.toAbsolutePath()), advice);
            assertTrue(String.join(" ", printed).contains("--config " + out.toAbsolutePath().resolve("config.yaml")));
            assertTrue(seen.stream().noneMatch(l -> l.contains("result-accepted") || l.contains("worker-joined")),
                    "lease events stay out of the progress output");
            assertTrue(Files.readString(out.resolve("coordinator.log")).contains("result-accepted"),
                    "they go to coordinator.log");
        } finally {
            System.setErr(original);
        }
        assertEquals(8, ResultTables.readSearch(out).size());
        assertTrue(Files.exists(out.resolve("report.html")));
    }

    /** Passes output through and hands each complete line to a queue. */
    private static final class LineTee extends OutputStream {
        private final PrintStream through;
        private final LinkedBlockingQueue<String> lines;
        private final StringBuilder current = new StringBuilder();

        LineTee(PrintStream through, LinkedBlockingQueue<String> lines) {
            this.through = through;
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            through.write(b);
            if (b == '\n') {
                lines.add(current.toString());
                current.setLength(0);
            } else {
                current.append((char) b);
            }
        }
    }
}
