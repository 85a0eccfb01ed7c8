package org.effnas.cluster.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.dispatch.ClusterStats;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.worker.HazelcastWorkerLoop;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.device.DeviceList;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;

/**
 * A coordinator and N workers in one JVM, talking through the same queues, leases and heartbeats as
 * a real cluster (on 127.0.0.1, on a port the operating system picks): what
 * {@code effnas search --workers N} runs. Closing it ends the experiment, lets the workers leave
 * and shuts everything down.
 */
public final class EmbeddedCluster implements Evaluator {

    private final ClusterEvaluator coordinator;
    private final List<HazelcastWorkerLoop> workers;
    private final List<Thread> threads;

    private EmbeddedCluster(ClusterEvaluator coordinator, List<HazelcastWorkerLoop> workers, List<Thread> threads) {
        this.coordinator = coordinator;
        this.workers = workers;
        this.threads = threads;
    }

    /**
     * Starts a coordinator and {@code workers} single-slot workers, and waits until they all joined.
     *
     * @param evaluatorKind what the factory's evaluators record in provenance ({@code dl4j}, {@code surrogate})
     * @param factory       makes the evaluator of each worker's slot ({@code cpu0})
     */
    public static EmbeddedCluster start(int workers, String evaluatorKind, SlotEvaluatorFactory factory) {
        return start(workers, evaluatorKind, factory, ClusterSettings.DEFAULT_LEASE_TIMEOUT,
                ClusterSettings.DEFAULT_MAX_ATTEMPTS, line -> { });
    }

    /** As {@link #start(int, String, SlotEvaluatorFactory)}, with lease timeout, attempts and an event log. */
    public static EmbeddedCluster start(int workers, String evaluatorKind, SlotEvaluatorFactory factory,
                                        Duration leaseTimeout, int maxAttempts, Consumer<String> events) {
        return start(workers, evaluatorKind, factory, leaseTimeout, null, maxAttempts, events);
    }

    /**
     * As {@link #start(int, String, SlotEvaluatorFactory, Duration, int, Consumer)}, with the heartbeat
     * period too (null: {@link ClusterSettings#defaultHeartbeat} of the lease timeout).
     */
    public static EmbeddedCluster start(int workers, String evaluatorKind, SlotEvaluatorFactory factory,
                                        Duration leaseTimeout, Duration heartbeat, int maxAttempts,
                                        Consumer<String> events) {
        return start(workers, evaluatorKind, factory, leaseTimeout, heartbeat, maxAttempts, events,
                CheckpointTransport.none());
    }

    /**
     * As above, the slots writing rung checkpoints to {@code checkpoints} (the coordinator's disk: a
     * {@link CheckpointTransport#sharedDisk shared disk}, so nothing travels).
     */
    public static EmbeddedCluster start(int workers, String evaluatorKind, SlotEvaluatorFactory factory,
                                        Duration leaseTimeout, Duration heartbeat, int maxAttempts,
                                        Consumer<String> events, CheckpointTransport checkpoints) {
        if (workers < 1) {
            throw new org.effnas.InvalidInputException("--workers: must be >= 1, got " + workers);
        }
        ClusterCredentials credentials = ClusterCredentials.generate("effnas-embedded");
        ClusterSettings settings = ClusterSettings.of(credentials.clusterName(), evaluatorKind)
                .withCredentials(credentials)
                .withBind(HostPort.of("127.0.0.1", 0))
                .withLeases(leaseTimeout, heartbeat)
                .withMaxAttempts(maxAttempts);
        ClusterEvaluator coordinator = ClusterEvaluator.start(settings, events, checkpoints);
        List<HazelcastWorkerLoop> ws = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                WorkerSettings w = WorkerSettings.of(credentials, coordinator.address(), DeviceList.cpu(1),
                                evaluatorKind)
                        .withFingerprint(settings.fingerprint())
                        .withWorkerId("local-" + i)
                        .withReconnectTimeout(Duration.ofSeconds(30));
                HazelcastWorkerLoop worker = new HazelcastWorkerLoop(w, factory, events, checkpoints);
                Thread t = new Thread(() -> {
                    try {
                        worker.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        events.accept("worker local-" + ws.indexOf(worker) + " stopped: " + e.getMessage());
                    }
                }, "effnas-local-worker-" + i);
                t.setDaemon(true);
                ws.add(worker);
                threads.add(t);
                t.start();
            }
            if (!coordinator.awaitWorkers(workers, Duration.ofSeconds(60))) {
                throw new IllegalStateException("only " + coordinator.stats().workers() + " of " + workers
                        + " local workers joined within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            coordinator.close();
            throw new IllegalStateException("interrupted while starting local workers", e);
        } catch (RuntimeException e) {
            coordinator.close();
            throw e;
        }
        return new EmbeddedCluster(coordinator, ws, threads);
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate candidate) {
        return coordinator.submit(candidate);
    }

    @Override
    public int capacity() {
        return coordinator.capacity();
    }

    @Override
    public String kind() {
        return coordinator.kind();
    }

    public ClusterStats stats() {
        return coordinator.stats();
    }

    /** The coordinator inside, for its statistics and dispatch timings. */
    public ClusterEvaluator coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        coordinator.close();
        for (HazelcastWorkerLoop w : workers) {
            w.stop();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
