package org.effnas.cluster.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.worker.ClusterWorker;
import org.effnas.cluster.worker.DeviceSlots;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.junit.jupiter.api.Test;

/**
 * A rogue client on the real queues: it takes a task and answers with garbage (a Java-serialized
 * object, a plain string, a NaN accuracy). The coordinator survives all of it, rejects the answers,
 * re-issues the candidate and records the honest worker's result.
 */
class RogueWorkerTest {

    record Payload(String text) implements Serializable {
    }

    @Test
    void garbageFromTheNetworkIsRejectedAndTheCandidateStillCompletesOnce() throws Exception {
        ClusterSettings settings = ClusterSettings.of("effnas-rogue", SleepingEvaluator.KIND)
                .withBind(HostPort.of("127.0.0.1", 0))
                .withLeases(Duration.ofSeconds(2), Duration.ofMillis(250));
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            HazelcastInstance rogue = HazelcastClient.newHazelcastClient(HazelcastConfigs.client("effnas-rogue",
                    List.of(coordinator.address()), null, Duration.ofSeconds(10), false));
            try {
                Candidate c = TestCandidates.candidate(3);
                CompletableFuture<EvalResult> future = coordinator.submit(c);
                IQueue<TaskMessage> tasks = rogue.getQueue(WireFormat.TASKS);
                IQueue<Object> results = rogue.getQueue(WireFormat.RESULTS);
                TaskMessage task = tasks.poll(10, TimeUnit.SECONDS);
                assertNotNull(task);
                results.offer(new Payload("not a result"));
                results.offer("not a result either");
                EvalResult honest = SleepingEvaluator.of(Duration.ZERO, Set.of()).evaluate(c, "rogue");
                EvalResult nan = new EvalResult(c.id(), c.specKey(), Double.NaN, Double.NaN, 0.1, 1, 1, Double.NaN,
                        Double.NaN, 1, "rogue", null, honest.provenance());
                results.offer(ResultMessage.of(task, "rogue", 0, 0, nan));
                awaitRejected(coordinator, 3);

                WorkerSettings w = WorkerSettings.of("effnas-rogue", coordinator.address(), DeviceSlots.parse("cpu:1"),
                        SleepingEvaluator.KIND).withWorkerId("honest").withReconnectTimeout(Duration.ofSeconds(10));
                ClusterWorker worker = new ClusterWorker(w, slot -> SleepingEvaluator.of(Duration.ofMillis(50), Set.of()),
                        line -> { });
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return worker.run();
                    } catch (InterruptedException e) {
                        return -1;
                    }
                });
                EvalResult r = future.get(30, TimeUnit.SECONDS);
                assertTrue(r.ok(), r.toString());
                assertEquals("honest/cpu0", r.workerId());
                assertEquals(1, coordinator.stats().retries(), "only the NaN answer cost an attempt");
                assertEquals(1, coordinator.stats().completed());
                coordinator.close();
                assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            } finally {
                rogue.shutdown();
            }
        }
    }

    private static void awaitRejected(ClusterEvaluator coordinator, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (coordinator.stats().rejected() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, coordinator.stats().rejected(), "every garbage answer counted as rejected");
    }
}
