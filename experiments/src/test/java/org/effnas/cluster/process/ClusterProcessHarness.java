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
 * Real processes on 127.0.0.1 for the cluster tests: an experiment config, {@code effnas coordinator}
 * processes started on it, {@code effnas worker} processes started with the command the coordinator
 * printed, and the journal and coordinator log they leave in the experiment directory.
 */
abstract class ClusterProcessHarness {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final Duration LONG = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    final List<JvmProcess> processes = new ArrayList<>();
    Path config;
    Path out;
    Path logs;
    int port;
    List<String> workerFlags;
    /** Surrogate experiments rehearse a training time on the workers; DL4J ones train. */
    boolean surrogate = true;

    @BeforeEach
    void setUp() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        out = tmp.resolve("exp");
        logs = Path.of("target", "process-logs", tmp.getFileName().toString());
        Files.createDirectories(logs);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (JvmProcess p : processes) {
            p.close();
        }
    }

    /** A surrogate search of {@code candidates} evaluations on a Hazelcast coordinator with 2 s leases. */
    void experiment(int candidates) throws IOException {
        config = tmp.resolve("cluster-test.yaml");
        Files.writeString(config, """
                dataset: fashion-mnist
                space: mnasnet-small
                evaluator: surrogate
                strategy: {name: evolution, population: 4, budget: {evaluations: %d}}
                grid: {enabled: false}
                family: {enabled: false}
                cluster: {mode: hazelcast, lease_timeout: 2s, heartbeat: 0.25s}
                seed: 7
                """.formatted(candidates));
    }

    /**
     * A surrogate search under ASHA (rungs of 30, 90 and 270 steps, eta 3) on a Hazelcast coordinator
     * with 2 s leases; workers started with {@code --simulate-checkpoint-mb} write rehearsed checkpoints
     * that travel like a trainer's.
     */
    void rungExperiment(int candidates) throws IOException {
        config = tmp.resolve("rung-test.yaml");
        Files.writeString(config, """
                dataset: fashion-mnist
                space: mnasnet-small
                evaluator: surrogate
                strategy: {name: evolution, population: 4, budget: {evaluations: %d}}
                scheduler: {name: asha, min_steps: 30, max_steps: 270, eta: 3}
                grid: {enabled: false}
                family: {enabled: false}
                cluster: {mode: hazelcast, lease_timeout: 2s, heartbeat: 0.25s}
                seed: 7
                """.formatted(candidates));
    }

    /**
     * A DL4J search under ASHA with real training on the committed Fashion-MNIST subset (200 images,
     * batch 25, rungs of 2 and 4 steps, eta 2) on a Hazelcast coordinator with 5 s leases: every rung
     * writes a real checkpoint, which travels to the coordinator and back to the promotions.
     */
    void dl4jRungExperiment(int candidates) throws IOException {
        surrogate = false;
        Path fixture = Path.of("..", "worker", "src", "test", "resources", "data", "fashion-mnist-mini")
                .toAbsolutePath().normalize();
        config = tmp.resolve("rung-test.yaml");
        Files.writeString(config, """
                dataset: {name: fashion-mnist, path: %s, minival: 0.1}
                space: mnasnet-small
                evaluator: dl4j
                training: {subset: 200, batch_size: 25, precise_bn_images: 50}
                strategy: {name: random, budget: {evaluations: %d}}
                scheduler: {name: asha, min_steps: 2, max_steps: 4, eta: 2}
                grid: {enabled: false}
                family: {enabled: false}
                cluster: {mode: hazelcast, lease_timeout: 5s, heartbeat: 0.25s}
                seed: 7
                """.formatted(fixture, candidates));
    }

    /** Starts {@code effnas coordinator} and reads the worker command it prints. */
    JvmProcess coordinator(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("coordinator", "--config", config.toString(), "--out",
                out.toString(), "--bind", "127.0.0.1:" + port,
                // every candidate is evaluated here: none served from another test's cached results
                "--no-cache"));
        args.addAll(List.of(extra));
        JvmProcess p = start("coordinator", args);
        String advice = p.await(l -> l.contains("effnas worker "), LONG);
        Matcher m = Pattern.compile("effnas worker (.*)$").matcher(advice);
        assertTrue(m.find(), advice);
        workerFlags = List.of(m.group(1).trim().split(" +"));
        return p;
    }

    /** Starts {@code effnas worker} exactly as the coordinator printed it, with an id and a task time. */
    JvmProcess worker(String id, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("worker"));
        args.addAll(workerFlags);
        args.addAll(List.of("--id", id));
        args.addAll(List.of(extra));
        if (surrogate && !args.contains("--simulate-seconds")) {
            args.addAll(List.of("--simulate-seconds", "0.8"));
        }
        return start("worker-" + id, args);
    }

    /** The value the printed worker command gives {@code flag}, e.g. the cluster name of {@code --cluster}. */
    String printed(String flag) {
        int i = workerFlags.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < workerFlags.size(), flag + " in " + workerFlags);
        return workerFlags.get(i + 1);
    }

    JvmProcess start(String name, List<String> args) throws IOException {
        // DL4J's native memory is limited by the heap unless told otherwise (tiny networks: 1 GB is plenty)
        List<String> memory = surrogate ? List.of("-Xmx256m")
                : List.of("-Xmx384m", "-Dorg.bytedeco.javacpp.maxbytes=1G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=3G");
        JvmProcess p = JvmProcess.start(name + "-" + processes.size(), "org.effnas.cli.Effnas", logs, Map.of(), memory,
                args.toArray(String[]::new));
        processes.add(p);
        return p;
    }

    /** Whether a journal row was computed by worker {@code id} ({@code surrogate/A/cpu0}, {@code A/gpu1}). */
    static boolean by(JsonNode row, String id) {
        return ("/" + row.path("worker").asText()).contains("/" + id + "/");
    }

    /** Whether a coordinator log line is about the candidate with journal id {@code id}. */
    static boolean about(String line, String id) {
        return line.matches(".* candidate=([a-z]+/)?" + Pattern.quote(id) + "( .*|$)");
    }

    static Predicate<String> evaluating() {
        return l -> l.contains(" evaluates ");
    }

    /** The journal id of the candidate a worker's "evaluates search/c000003" line names. */
    static String candidateOf(String evaluatingLine) {
        Matcher m = Pattern.compile(" evaluates (?:[a-z]+/)?(\\S+)").matcher(evaluatingLine);
        assertTrue(m.find(), evaluatingLine);
        return m.group(1);
    }

    /** Matches the line at which the n-th line matching {@code p} was printed. */
    static Predicate<String> nth(Predicate<String> p, int n, JvmProcess process) {
        return line -> p.test(line) && process.count(p) >= n;
    }

    void awaitJournal(int results) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (results().size() < results) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + results + " results within " + LONG);
            Thread.sleep(50);
        }
    }

    /** Every result line of the search journal, in order. */
    List<JsonNode> results() {
        Path journal = out.resolve("journal.jsonl");
        if (!Files.exists(journal)) {
            return List.of();
        }
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(journal)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if ("result".equals(n.path("type").asText())) {
                        rows.add(n);
                    }
                } catch (IOException torn) {
                    // the last line of a journal being written (or killed mid-write)
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal holds one result line per candidate, {@code n} candidates in all. */
    Map<String, JsonNode> exactlyOnce(int n) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode r : results()) {
            JsonNode earlier = byId.put(r.path("id").asText(), r);
            assertEquals(null, earlier, r.path("id").asText() + " recorded twice");
        }
        assertEquals(n, byId.size(), "candidates recorded: " + byId.keySet());
        return byId;
    }
}
