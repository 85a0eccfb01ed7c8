package org.effnas.cluster.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.wire.ExperimentStatus;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.version.CodeVersion;
import org.junit.jupiter.api.Test;

/**
 * Who may take part, with real processes: a rogue client that knows the cluster name but not the
 * secret, a worker with another recipe, a worker with another cluster name, and one pointed at an
 * address where nothing listens.
 */
class ClusterTrustTest extends ClusterProcessHarness {

    @Test
    void aRogueClientWithTheNameButNotTheSecretGetsNothingIntoTheJournal() throws Exception {
        experiment(10);
        JvmProcess coordinator = coordinator();
        JvmProcess honest = worker("H", "--simulate-seconds", "0.6");
        HostPort address = HostPort.parse("test", printed("--join"));
        int forgeries = 0;
        HazelcastInstance rogue = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(printed("--cluster"),
                List.of(address), null, Duration.ofSeconds(20), false));
        try {
            IQueue<TaskMessage> tasks = rogue.getQueue(WireFormat.TASKS);
            IQueue<Object> results = rogue.getQueue(WireFormat.RESULTS);
            IMap<String, Object> workers = rogue.getMap(WireFormat.WORKERS);
            IMap<String, Object> control = rogue.getMap(WireFormat.CONTROL);
            ExperimentStatus real = (ExperimentStatus) control.get(WireFormat.STATUS_KEY);
            control.set(WireFormat.STATUS_KEY, new ExperimentStatus(real.experimentId(), real.incarnation(), true,
                    real.evaluatorKind(), real.heartbeatMillis(), real.leaseTimeoutMillis(), real.fingerprint(),
                    real.signature()));                                                // "it is over"
            List<String> seen = new ArrayList<>();
            TaskMessage template = null;
            while (seen.size() < 6 && coordinator.alive()) {
                // two tasks the honest worker never gets (stolen), then the leases it is training (from its heartbeats)
                List<String> leases = new ArrayList<>();
                try {
                    if (seen.size() < 2) {
                        TaskMessage t = tasks.poll(200, TimeUnit.MILLISECONDS);
                        if (t != null) {
                            template = t;
                            leases.add(t.leaseId());
                        }
                    } else if (workers.get("H") instanceof WorkerHeartbeat hb) {
                        leases.addAll(hb.leases());
                    }
                } catch (RuntimeException coordinatorGone) {
                    break;
                }
                for (String lease : leases) {
                    if (seen.contains(lease)) {
                        continue;
                    }
                    seen.add(lease);
                    for (String worker : List.of("rogue/cpu0", "H/cpu0")) {
                        ResultMessage forged = new ResultMessage(lease, template.candidateId(), 1, worker, 0, 0,
                                winner(template, worker), "");
                        results.offer(forged);                                         // unsigned
                        results.offer(forged.signedWith(ClusterSecret.generate()));    // another key
                    }
                    workers.set("H", new WorkerHeartbeat("H", "x", "h", 1, "cpu:1", 1, "surrogate", List.of(),
                            Long.MAX_VALUE, true, "", ""));                            // evict the honest worker
                    forgeries += 4;
                }
                Thread.sleep(20);
            }
            assertTrue(seen.size() >= 3, "the rogue saw tasks: " + seen.size());
            assertEquals(0, coordinator.exitCode(LONG));
        } finally {
            rogue.shutdown();
        }
        assertEquals(0, honest.exitCode(SHORT));
        for (JsonNode row : exactlyOnce(10).values()) {
            assertTrue(by(row, "H"), "every result is the honest worker's: " + row);
            assertTrue(row.path("top1").asDouble() < 0.99 && row.path("macs").asLong() > 1, row.toString());
        }
        String stopped = CoordinatorLog.last(out, l -> l.contains("coordinator-stopped"));
        long logged = CoordinatorLog.lines(out).stream().filter(l -> l.contains("message-forged")).count();
        assertTrue(logged >= forgeries, logged + " forgeries logged, " + forgeries + " sent: " + stopped);
        assertTrue(stopped.contains("rejected=0"), "no forgery even reached the result checks: " + stopped);
        assertTrue(CoordinatorLog.lines(out).stream().noneMatch(l -> l.contains("reason=its worker left")),
                "the forged 'leaving' heartbeats took no lease from the honest worker");
    }

    private static EvalResult winner(TaskMessage t, String worker) {
        return new EvalResult(t.candidateId(), t.candidate().specKey(), 0.999, 0.999, 0.01, 1, 1, Double.NaN,
                Double.NaN, 1, worker, null, Provenance.of("surrogate", t.seed(), t.training(), "", "",
                CodeVersion.current()));
    }

    @Test
    void aWorkerWithAnotherRecipeIsRefusedAtJoinNamingTheKeys() throws Exception {
        experiment(4);
        JvmProcess coordinator = coordinator();
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, Files.readString(config).replace("seed: 7", "seed: 8")
                + "training: {epochs: 2, batch_size: 64}\n");
        List<String> args = new ArrayList<>(List.of("worker", "--join", printed("--join"), "--cluster",
                printed("--cluster"), "--secret-file", printed("--secret-file"), "--config", other.toString()));
        JvmProcess mismatched = start("mismatched", args);
        assertEquals(2, mismatched.exitCode(LONG));
        String err = mismatched.stderr();
        assertTrue(err.contains("recipe differs from the experiment's in") && err.contains("seed")
                && err.contains("training.epochs") && err.contains("training.batch_size"), err);
        assertEquals(1, err.lines().count(), "one line, no trace: " + err);
        JvmProcess good = worker("G");
        assertEquals(0, coordinator.exitCode(LONG));
        assertEquals(0, good.exitCode(SHORT));
        exactlyOnce(4);
    }

    @Test
    void aWorkerWithAnotherClusterNameIsRefusedWithinTenSeconds() throws Exception {
        experiment(2);
        JvmProcess coordinator = coordinator();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        ClusterCredentials wrong = ClusterCredentials.loadOrCreate(elsewhere);
        long t0 = System.nanoTime();
        JvmProcess refused = start("wrong-name", List.of("worker", "--join", printed("--join"), "--cluster",
                wrong.clusterName(), "--secret-file", elsewhere.resolve(ClusterCredentials.FILE).toString(),
                "--config", printed("--config")));
        assertEquals(2, refused.exitCode(Duration.ofSeconds(30)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String err = refused.stderr();
        assertTrue(err.contains("the coordinator at " + printed("--join")
                + " runs another cluster (or refused our credentials)"), err);
        assertEquals(1, err.lines().count(), "one line, no Hazelcast trace: " + err);
        assertTrue(seconds <= 10, "refused after " + seconds + " s (JVM start included)");
        JvmProcess good = worker("G");
        assertEquals(0, coordinator.exitCode(LONG));
        assertEquals(0, good.exitCode(SHORT));
    }

    @Test
    void nothingListeningIsToldApartFromAnotherCluster() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("alone"));
        ClusterCredentials c = ClusterCredentials.loadOrCreate(dir);
        JvmProcess lonely = start("nothing", List.of("worker", "--join", "127.0.0.1:" + port, "--cluster",
                c.clusterName(), "--secret-file", dir.resolve(ClusterCredentials.FILE).toString(),
                "--evaluator", "synthetic", "--reconnect-timeout", "2"));
        assertEquals(1, lonely.exitCode(SHORT));
        assertTrue(lonely.count(l -> l.contains("nothing answered at")) == 1, String.join("\n", lonely.lines()));
        assertTrue(lonely.stderr().isBlank(), lonely.stderr());
    }
}
