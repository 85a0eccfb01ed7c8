package org.effnas.cluster.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.embedded.EmbeddedCluster;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.wire.CheckpointChunk;
import org.effnas.cluster.wire.CheckpointDigest;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.cluster.worker.HazelcastWorkerLoop;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.device.DeviceList;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints as cluster data, on real queues and maps over 127.0.0.1: a rung's checkpoint goes from
 * the worker that wrote it to the coordinator's disk in signed chunks, and a promotion on a worker
 * that does not have it fetches it from the cluster and continues exactly those bytes. A chunk altered
 * in the cluster is refused (by the coordinator on the way in, by the worker on the way out) and the
 * attempt is retried, nothing of the altered checkpoint kept.
 */
class CheckpointShippingTest {

    private static final TrainingSettings TRAINING = TrainingSettings.defaults().withSubset(100);
    private static final Fidelity RUNG0 = Fidelity.start("c001", 0, 0, 2);
    private static final Fidelity RUNG1 = Fidelity.promotion("c001", 0, 0, 2, 1, 4);
    /** Two and a half chunks. */
    private static final int BYTES = (5 << 20) / 2;

    @TempDir
    Path tmp;

    private final ClusterCredentials credentials = ClusterCredentials.generate("effnas-ckpt");
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<HazelcastWorkerLoop> workers = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        workers.forEach(HazelcastWorkerLoop::stop);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static Candidate rung(Fidelity f) {
        return Candidate.of(Fidelity.idOf(f.baseId(), f.rung()), TestCandidates.mixedSmall(), TRAINING, 1001, f);
    }

    private ClusterSettings settings() {
        return ClusterSettings.of(credentials.clusterName(), SleepingEvaluator.KIND).withCredentials(credentials)
                .withBind(HostPort.of("127.0.0.1", 0)).withLeases(Duration.ofSeconds(5), Duration.ofMillis(250));
    }

    private ClusterEvaluator coordinator(CheckpointDirectory disk) {
        ClusterEvaluator c = ClusterEvaluator.start(settings(), events::add, CheckpointTransport.cluster(disk, 0));
        closing.add(0, c);
        return c;
    }

    /** A worker on its own disk that keeps no checkpoint after sending it: every promotion is fetched. */
    private List<String> worker(ClusterEvaluator coordinator, String id, CheckpointDirectory disk) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        WorkerSettings w = WorkerSettings.of(credentials, coordinator.address(), DeviceList.cpu(1),
                SleepingEvaluator.KIND).withWorkerId(id).withReconnectTimeout(Duration.ofSeconds(10));
        HazelcastWorkerLoop loop = new HazelcastWorkerLoop(w, slot -> new RehearsedCheckpoints(disk, SleepingEvaluator.of(Duration.ofMillis(50), Set.of()), BYTES), log::add,
                CheckpointTransport.cluster(disk, 0));
        workers.add(loop);
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-worker-" + id);
        t.setDaemon(true);
        t.start();
        return log;
    }

    private HazelcastInstance client(ClusterEvaluator coordinator) {
        HazelcastInstance c = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(credentials.clusterName(),
                List.of(coordinator.address()), null, Duration.ofSeconds(10), false));
        closing.add(0, c::shutdown);
        return c;
    }

    private static void await(List<String> lines, Predicate<String> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (List.copyOf(lines).stream().noneMatch(p)) {
            assertTrue(System.nanoTime() < deadline, "no matching line in " + lines);
            Thread.sleep(20);
        }
    }

    private static byte[] bytes(CheckpointFiles files, String id) throws java.io.IOException {
        try (java.io.InputStream in = files.open(id)) {
            return in.readAllBytes();
        }
    }

    private static CheckpointChunk flipped(CheckpointChunk c) {
        byte[] data = c.data().clone();
        data[data.length / 2] ^= 1;
        return new CheckpointChunk(c.route(), c.owner(), c.checkpointId(), c.index(), c.count(), c.totalBytes(), data,
                c.signature());
    }

    @Test
    void aPromotionOnAnotherWorkerContinuesTheCheckpointShippedOverTheCluster() throws Exception {
        CheckpointDirectory onCoordinator = new CheckpointDirectory(tmp.resolve("coordinator"));
        CheckpointDirectory onA = new CheckpointDirectory(tmp.resolve("a"));
        CheckpointDirectory onB = new CheckpointDirectory(tmp.resolve("b"));
        ClusterEvaluator coordinator = coordinator(onCoordinator);
        worker(coordinator, "A", onA);

        EvalResult first = coordinator.submit(rung(RUNG0)).get(30, TimeUnit.SECONDS);
        assertTrue(first.ok(), first.toString());
        byte[] written = RehearsedCheckpoints.next(RUNG0, null, BYTES);
        assertArrayEquals(written, bytes(onCoordinator, "c001@r0"), "the coordinator stored the worker's bytes");
        assertFalse(onA.contains("c001@r0"), "A kept nothing once it was sent (keep 0)");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("checkpoint-stored id=c001@r0 bytes="
                + BYTES + " chunks=3")), events.toString());

        workers.get(0).stop();
        await(events, e -> e.startsWith("worker-left worker=A"));
        List<String> logB = worker(coordinator, "B", onB);
        EvalResult promoted = coordinator.submit(rung(RUNG1)).get(30, TimeUnit.SECONDS);
        assertTrue(promoted.ok(), promoted.toString());
        assertEquals("B/cpu0", promoted.workerId());
        assertTrue(logB.stream().anyMatch(l -> l.contains("fetched checkpoint c001@r0 from the coordinator")), logB.toString());
        assertArrayEquals(RehearsedCheckpoints.next(RUNG1, written, BYTES), bytes(onCoordinator, "c001@r1"),
                "B continued exactly the bytes A wrote, and its own checkpoint came back");

        IMap<String, CheckpointChunk> published = client(coordinator).getMap(WireFormat.CHECKPOINTS);
        assertTrue(published.isEmpty(), "a promotion's checkpoint leaves the cluster once it is answered");
        coordinator.releaseCheckpoint("c001@r0");
        assertFalse(onCoordinator.contains("c001@r0"), "a release deletes the coordinator's copy");
    }

    @Test
    void anAlteredUploadChunkIsRejectedAndTheRungRetried() throws Exception {
        CheckpointDirectory onCoordinator = new CheckpointDirectory(tmp.resolve("coordinator"));
        ClusterEvaluator coordinator = coordinator(onCoordinator);
        CompletableFuture<EvalResult> future = coordinator.submit(rung(RUNG0));

        // a worker with the key, by hand, whose upload is altered in the cluster before its result arrives
        HazelcastInstance m = client(coordinator);
        IQueue<TaskMessage> tasks = m.getQueue(WireFormat.TASKS);
        TaskMessage task = tasks.poll(10, TimeUnit.SECONDS);
        assertNotNull(task);
        IMap<String, WorkerHeartbeat> heartbeats = m.getMap(WireFormat.WORKERS);
        heartbeats.set("M", new WorkerHeartbeat("M", m.getLocalEndpoint().getUuid().toString(), "h", 1, "cpu:1", 1,
                SleepingEvaluator.KIND, List.of(task.leaseId()), 1, false, settings().fingerprint().digest(), "")
                .signedWith(credentials.secret()));
        assertTrue(coordinator.awaitWorkers(1, Duration.ofSeconds(10)));
        CheckpointDirectory onM = new CheckpointDirectory(tmp.resolve("m"));
        onM.receive("c001@r0", new ByteArrayInputStream(RehearsedCheckpoints.next(RUNG0, null, BYTES)));
        IMap<String, CheckpointChunk> uploads = m.getMap(WireFormat.CHECKPOINT_UPLOADS);
        CheckpointDigest digest = CheckpointCourier.send(onM, "c001@r0", uploads, CheckpointChunk.UPLOAD,
                task.leaseId(), task.leaseId(), credentials.secret());
        String key = CheckpointChunk.key(task.leaseId(), 1);
        uploads.set(key, flipped(uploads.get(key)));
        EvalResult r = SleepingEvaluator.of(Duration.ZERO, Set.of()).evaluate(task.candidate(), "M/cpu0");
        m.getQueue(WireFormat.RESULTS).offer(ResultMessage.of(task, "M/cpu0", 0, 0, r).withCheckpoint(digest)
                .signedWith(credentials.secret()));

        await(events, e -> e.startsWith("result-rejected") && e.contains("chunk 1 of 3 does not verify"));
        assertFalse(onCoordinator.contains("c001@r0"), "nothing of the altered checkpoint is kept");
        assertFalse(future.isDone(), "the rung is retried, not recorded");

        worker(coordinator, "H", new CheckpointDirectory(tmp.resolve("h")));
        EvalResult done = future.get(30, TimeUnit.SECONDS);
        assertTrue(done.ok(), done.toString());
        assertEquals("H/cpu0", done.workerId());
        assertArrayEquals(RehearsedCheckpoints.next(RUNG0, null, BYTES), bytes(onCoordinator, "c001@r0"));
        assertEquals(1, coordinator.stats().rejected());
    }

    @Test
    void anAlteredPublishedChunkIsRefusedByTheWorkerAndTheRetryRepublishesIt() throws Exception {
        CheckpointDirectory onCoordinator = new CheckpointDirectory(tmp.resolve("coordinator"));
        byte[] genuine = RehearsedCheckpoints.next(RUNG0, null, BYTES);
        onCoordinator.receive("c001@r0", new ByteArrayInputStream(genuine));
        ClusterEvaluator coordinator = coordinator(onCoordinator);
        CompletableFuture<EvalResult> future = coordinator.submit(rung(RUNG1));
        await(events, e -> e.startsWith("checkpoint-published id=c001@r0"));

        IMap<String, CheckpointChunk> published = client(coordinator).getMap(WireFormat.CHECKPOINTS);
        String key = CheckpointChunk.key("c001@r0", 0);
        published.set(key, flipped(published.get(key)));
        List<String> log = worker(coordinator, "H", new CheckpointDirectory(tmp.resolve("h")));

        EvalResult done = future.get(30, TimeUnit.SECONDS);
        assertTrue(done.ok(), done.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("refused checkpoint c001@r0 rejected: chunk 0 does not "
                + "verify")), log.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("attempt-failed") && e.contains("attempt=1")
                && e.contains("does not verify")), events.toString());
        assertArrayEquals(RehearsedCheckpoints.next(RUNG1, genuine, BYTES), bytes(onCoordinator, "c001@r1"),
                "the retry continued the genuine checkpoint");
    }

    @Test
    void theEmbeddedClusterChecksItsSharedDiskAndMovesNothing() throws Exception {
        CheckpointDirectory disk = new CheckpointDirectory(tmp.resolve("shared"));
        EmbeddedCluster cluster = EmbeddedCluster.start(2, SleepingEvaluator.KIND,
                slot -> new RehearsedCheckpoints(disk, SleepingEvaluator.of(Duration.ofMillis(50), Set.of()), BYTES),
                Duration.ofSeconds(5), Duration.ofMillis(250), 3, events::add, CheckpointTransport.sharedDisk(disk));
        closing.add(0, cluster);
        assertTrue(cluster.submit(rung(RUNG0)).get(30, TimeUnit.SECONDS).ok());
        EvalResult promoted = cluster.submit(rung(RUNG1)).get(30, TimeUnit.SECONDS);
        assertTrue(promoted.ok(), promoted.toString());
        assertArrayEquals(RehearsedCheckpoints.next(RUNG1, RehearsedCheckpoints.next(RUNG0, null, BYTES), BYTES),
                bytes(disk, "c001@r1"));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("checkpoint-stored id=c001@r1 bytes=" + BYTES
                + " chunks=0")), "checked on the shared disk, sent in no chunks: " + events);
        assertTrue(events.stream().noneMatch(e -> e.startsWith("checkpoint-published")), events.toString());
    }
}
