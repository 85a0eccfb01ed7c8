package org.effnas.cluster.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.wire.ExperimentStatus;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.cluster.worker.HazelcastWorkerLoop;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.device.DeviceList;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.junit.jupiter.api.Test;

/**
 * A rogue client that knows the cluster name but not the secret, on the real queues and maps: it
 * steals a task and answers it with forgeries (unsigned, signed with another key, a 10 MB field,
 * garbage types), speaks for the honest worker with forged heartbeats (leaving, a null lease) and
 * writes "finished" into the control map. None of it is believed: the honest worker keeps working
 * and its result is the one recorded, once.
 */
class RogueWorkerTest {

    record Payload(String text) implements Serializable {
    }

    @Test
    void forgeriesFromAClientWithoutTheSecretReachNothing() throws Exception {
        ClusterCredentials credentials = ClusterCredentials.generate("effnas-rogue");
        ClusterSettings settings = ClusterSettings.of(credentials.clusterName(), SleepingEvaluator.KIND)
                .withCredentials(credentials)
                .withBind(HostPort.of("127.0.0.1", 0))
                .withLeases(Duration.ofSeconds(2), Duration.ofMillis(250));
        List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, events::add)) {
            HazelcastInstance rogue = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(
                    credentials.clusterName(), List.of(coordinator.address()), null, Duration.ofSeconds(10), false));
            try {
                Candidate c = TestCandidates.candidate(3);
                CompletableFuture<EvalResult> future = coordinator.submit(c);
                IQueue<TaskMessage> tasks = rogue.getQueue(WireFormat.TASKS);
                IQueue<Object> results = rogue.getQueue(WireFormat.RESULTS);
                IMap<String, Object> workers = rogue.getMap(WireFormat.WORKERS);
                IMap<String, Object> control = rogue.getMap(WireFormat.CONTROL);
                TaskMessage task = tasks.poll(10, TimeUnit.SECONDS);
                assertNotNull(task, "the rogue can steal a task (its lease then expires)");

                // the honest worker joins and works
                WorkerSettings w = WorkerSettings.of(credentials, coordinator.address(), DeviceList.cpu(1),
                        SleepingEvaluator.KIND).withWorkerId("honest").withReconnectTimeout(Duration.ofSeconds(10));
                HazelcastWorkerLoop worker = new HazelcastWorkerLoop(w,
                        slot -> SleepingEvaluator.of(Duration.ofMillis(1500), Set.of()), line -> { });
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return worker.run();
                    } catch (InterruptedException e) {
                        return -1;
                    }
                });
                assertTrue(coordinator.awaitWorkers(1, Duration.ofSeconds(30)));

                EvalResult honest = SleepingEvaluator.of(Duration.ZERO, Set.of()).evaluate(c, "rogue/cpu0");
                EvalResult winner = new EvalResult(c.id(), c.specKey(), 0.999, 0.999, 0.01, 1, 1, Double.NaN,
                        Double.NaN, 1, "rogue/cpu0", null, honest.provenance());
                results.offer(ResultMessage.of(task, "rogue/cpu0", 0, 0, winner));                       // unsigned
                results.offer(ResultMessage.of(task, "honest/cpu0", 0, 0, winner)
                        .signedWith(ClusterSecret.generate()));                                           // other key
                results.offer(ResultMessage.of(task, "x".repeat(10_000_000), 0, 0, winner));              // 10 MB
                results.offer(new Payload("not a result"));
                results.offer("not a result either");
                workers.set("honest", new WorkerHeartbeat("honest", "uuid", "h", 1, "cpu:64", 64, SleepingEvaluator.KIND,
                        List.of(), Long.MAX_VALUE, true, "", ""));                                        // evict
                workers.set("rogue", new WorkerHeartbeat("rogue", "uuid", "h", 1, "cpu:64", 64, SleepingEvaluator.KIND,
                        Arrays.asList("a", null), 1, false, "", "00".repeat(32)));                       // null lease
                ExperimentStatus real = (ExperimentStatus) control.get(WireFormat.STATUS_KEY);
                control.set(WireFormat.STATUS_KEY, new ExperimentStatus(real.experimentId(), real.incarnation(), true,
                        real.evaluatorKind(), real.heartbeatMillis(), real.leaseTimeoutMillis(), real.fingerprint(),
                        real.signature()));                                                               // "finished"

                EvalResult r = future.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok(), r.toString());
                assertEquals("honest/cpu0", r.workerId(), "the honest worker's result, not a forgery");
                assertEquals(SleepingEvaluator.accuracy(c.seed()), r.top1());
                assertTrue(coordinator.stats().forged() >= 7, coordinator.stats() + "\n" + events);
                assertEquals(0, coordinator.stats().rejected(), "no forgery even reached the checks");
                assertEquals(1, coordinator.stats().completed());
                assertTrue(exit.getNow(null) == null, "the honest worker did not believe the forged 'finished'");
                assertTrue(events.stream().noneMatch(e -> e.length() > 2_000), "no event quotes 10 MB");
                assertTrue(events.stream().noneMatch(e -> e.startsWith("worker-left")), "no one was evicted");
                coordinator.close();
                assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            } finally {
                rogue.shutdown();
            }
        }
    }
}
