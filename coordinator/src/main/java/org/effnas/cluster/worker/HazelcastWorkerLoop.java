package org.effnas.cluster.worker;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.effnas.InvalidInputException;
import org.effnas.cluster.checkpoint.CheckpointCourier;
import org.effnas.cluster.checkpoint.CheckpointRejectedException;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.Bounded;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.wire.CheckpointChunk;
import org.effnas.cluster.wire.CheckpointDigest;
import org.effnas.cluster.wire.ExperimentStatus;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.device.Device;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.Provenance;
import org.effnas.version.CodeVersion;

/**
 * A worker: a Hazelcast client (it holds no partitions, so its death loses no cluster data) that
 * runs one evaluation per device slot. Each slot takes a task from the queue, evaluates it with
 * the plugged-in {@link BlockingEvaluator} and offers the result; a heartbeat thread lists the
 * leases in progress. Every result and heartbeat is signed with the experiment's secret, and only
 * tasks and a status signed by the coordinator are believed. It reconnects on its own when the
 * coordinator restarts, and exits 0 when the coordinator says the experiment is over.
 *
 * <p>Rung checkpoints ({@link CheckpointTransport}): on the CLUSTER route a promotion whose checkpoint
 * is not on this worker's disk is fetched from the cluster (verified chunk by chunk, refused whole if
 * anything does not check), and the checkpoint a rung writes is sent in signed chunks before the
 * result, which names its size and SHA-256; the worker keeps only its few most recent ones
 * ({@link LocalCheckpoints}).
 */
public final class HazelcastWorkerLoop {

    /** Exit codes of {@link #run}. */
    public static final int EXIT_DONE = 0;
    public static final int EXIT_LOST_COORDINATOR = 1;

    private final WorkerSettings settings;
    private final SlotEvaluatorFactory factory;
    private final Consumer<String> log;
    private final Set<String> leases = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch over = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(EXIT_DONE);
    private final List<Thread> slotThreads = new ArrayList<>();
    private final String host = WorkerSettings.hostName();
    private final String fingerprintDigest;
    private volatile boolean stopping;
    private volatile HazelcastInstance client;
    private volatile String incarnation;
    private final CheckpointTransport checkpoints;
    private final LocalCheckpoints local;
    private volatile IMap<String, CheckpointChunk> uploads;
    private volatile IMap<String, CheckpointChunk> published;

    public HazelcastWorkerLoop(WorkerSettings settings, SlotEvaluatorFactory factory, Consumer<String> log) {
        this(settings, factory, log, CheckpointTransport.none());
    }

    /** A worker whose rungs read and write checkpoints as {@code checkpoints} says. */
    public HazelcastWorkerLoop(WorkerSettings settings, SlotEvaluatorFactory factory, Consumer<String> log,
                               CheckpointTransport checkpoints) {
        this.settings = settings;
        this.factory = factory;
        this.log = log;
        this.checkpoints = checkpoints;
        this.local = checkpoints.shipped() ? new LocalCheckpoints(checkpoints.files(), checkpoints.keepLocal()) : null;
        this.fingerprintDigest = settings.fingerprint().digest();
    }

    /**
     * Joins, works until the experiment is over and leaves. Returns {@link #EXIT_DONE} when the
     * coordinator finished the experiment, {@link #EXIT_LOST_COORDINATOR} when it could not be
     * reached for the reconnect timeout.
     *
     * @throws InvalidInputException when the coordinator runs another evaluator kind
     */
    public int run() throws InterruptedException {
        if (!admitted()) {
            return EXIT_LOST_COORDINATOR;
        }
        try {
            client = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(settings.clusterName(),
                    settings.join(), settings.hazelcastConfig(), settings.reconnectTimeout(), settings.verbose()));
        } catch (IllegalStateException e) {
            log.accept("worker " + settings.workerId() + ": no coordinator of cluster '" + settings.clusterName()
                    + "' answered at " + settings.join() + " within " + settings.reconnectTimeout().toSeconds() + " s");
            return EXIT_LOST_COORDINATOR;
        }
        try {
            return work();
        } finally {
            stopping = true;
            // Idle slots notice within one poll; a slot still evaluating (stale work) is a daemon
            // and is abandoned rather than interrupted inside Hazelcast calls.
            for (Thread t : slotThreads) {
                t.join(500);
            }
            if (client.getLifecycleService().isRunning()) {
                client.shutdown();
            }
        }
    }

    /**
     * Before joining for real, tells "nothing answers" apart from "something answers but will not
     * admit us": waits (up to the reconnect timeout) until a join address accepts TCP connections,
     * then tries a short-lived client. A refusal then means another cluster name (or, with
     * Enterprise security, other credentials), and is bad input, said within seconds.
     *
     * @return false when nothing answered within the reconnect timeout
     * @throws InvalidInputException when the coordinator refuses this cluster name
     */
    private boolean admitted() throws InterruptedException {
        if (settings.join().isEmpty()) {
            return true; // discovery through a Hazelcast client file: nothing to probe
        }
        long deadline = System.nanoTime() + settings.reconnectTimeout().toNanos();
        HostPort answering = null;
        while (answering == null) {
            answering = firstAnswering(settings.join());
            if (answering == null) {
                if (System.nanoTime() > deadline || over.getCount() == 0) {
                    log.accept("worker " + settings.workerId() + ": nothing answered at " + settings.join()
                            + " within " + settings.reconnectTimeout().toSeconds() + " s (no coordinator listening)");
                    return false;
                }
                Thread.sleep(250);
            }
        }
        HazelcastInstance probe;
        try {
            probe = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(settings.clusterName(),
                    List.of(answering), null, PROBE_TIMEOUT, settings.verbose()));
        } catch (IllegalStateException refused) {
            throw new InvalidInputException("--cluster " + Bounded.quote(settings.clusterName())
                    + ": the coordinator at " + answering + " runs another cluster (or refused our credentials); "
                    + "start the worker with the --cluster and --secret-file the coordinator printed");
        }
        probe.shutdown();
        return true;
    }

    /** How long the admission probe waits for a coordinator that answers TCP to admit us. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private static HostPort firstAnswering(List<HostPort> addresses) {
        for (HostPort a : addresses) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.host(), a.port()), 1000);
                return a;
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    /** Asks the worker to stop (as if the experiment were over); {@link #run} then returns. */
    public void stop() {
        stopping = true;
        over.countDown();
    }

    private int work() throws InterruptedException {
        client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED && !stopping) {
                log.accept("worker " + settings.workerId() + ": lost the coordinator, reconnecting");
            } else if (event.getState() == LifecycleState.CLIENT_CONNECTED && incarnation != null) {
                log.accept("worker " + settings.workerId() + ": connected to the coordinator");
            } else if (event.getState() == LifecycleState.SHUTTING_DOWN && !stopping) {
                log.accept("worker " + settings.workerId() + ": gave up reaching the coordinator after "
                        + settings.reconnectTimeout().toSeconds() + " s");
                exitCode.set(EXIT_LOST_COORDINATOR);
                over.countDown();
            }
        });
        IMap<String, ExperimentStatus> control = whileOffline(() -> client.getMap(WireFormat.CONTROL));
        ExperimentStatus status = awaitStatus(control);
        if (status == null) {
            return exitCode.get() == EXIT_DONE ? EXIT_LOST_COORDINATOR : exitCode.get();
        }
        if (!status.evaluatorKind().equals(settings.evaluatorKind())) {
            throw new InvalidInputException("--evaluator: the coordinator of " + settings.clusterName() + " runs '"
                    + Bounded.quote(status.evaluatorKind()) + "' but this worker runs '" + settings.evaluatorKind()
                    + "'; start the worker with --evaluator " + Bounded.quote(status.evaluatorKind()));
        }
        List<String> differing = settings.fingerprint().differences(RecipeFingerprint.fromLines(status.fingerprint()));
        if (!differing.isEmpty()) {
            throw new InvalidInputException("--config: this worker's recipe differs from the experiment's in "
                    + Bounded.quote(String.join(", ", differing)) + "; start it with the experiment's config "
                    + "(the --config the coordinator printed)");
        }
        if (status.finished()) {
            log.accept("worker " + settings.workerId() + ": the experiment is already over");
            return EXIT_DONE;
        }
        incarnation = status.incarnation();
        IMap<String, WorkerHeartbeat> workers = whileOffline(() -> client.getMap(WireFormat.WORKERS));
        IQueue<TaskMessage> tasks = whileOffline(() -> client.getQueue(WireFormat.TASKS));
        IQueue<ResultMessage> results = whileOffline(() -> client.getQueue(WireFormat.RESULTS));
        uploads = whileOffline(() -> client.getMap(WireFormat.CHECKPOINT_UPLOADS));
        published = whileOffline(() -> client.getMap(WireFormat.CHECKPOINTS));
        for (Device device : settings.devices().devices()) {
            BlockingEvaluator evaluator = factory.create(device);
            String slotId = settings.workerId() + "/" + device;
            Thread t = new Thread(() -> slotLoop(slotId, evaluator, tasks, results, workers), "effnas-slot-" + device);
            t.setDaemon(true);
            slotThreads.add(t);
        }
        heartbeat(workers, false);
        log.accept("worker " + settings.workerId() + ": joined " + settings.clusterName() + " with "
                + settings.devices().size() + " slot(s) (" + settings.devices().text() + ")");
        slotThreads.forEach(Thread::start);
        long period = Math.max(20, status.heartbeatMillis());
        while (!over.await(period, TimeUnit.MILLISECONDS)) {
            heartbeat(workers, false);
            ExperimentStatus now = read(control);
            if (now != null && !now.verifiedBy(settings.secret())) {
                now = null; // not the coordinator's word: a forged "finished" ends nothing
            }
            if (now != null && now.finished()) {
                log.accept("worker " + settings.workerId() + ": the experiment is over");
                break;
            }
            if (now != null && !now.incarnation().equals(incarnation)) {
                log.accept("worker " + settings.workerId() + ": the coordinator restarted (run " + now.incarnation() + ")");
                incarnation = now.incarnation();
            }
        }
        stopping = true;
        if (exitCode.get() == EXIT_DONE) {
            heartbeat(workers, true);
        }
        return exitCode.get();
    }

    /**
     * A proxy of a queue or map, retried while the coordinator is unreachable (it may die between our
     * connecting and asking; the client reconnects on its own), up to the reconnect timeout.
     */
    private <T> T whileOffline(java.util.function.Supplier<T> proxy) throws InterruptedException {
        long deadline = System.nanoTime() + settings.reconnectTimeout().toNanos();
        while (true) {
            try {
                return proxy.get();
            } catch (com.hazelcast.client.HazelcastClientOfflineException e) {
                if (System.nanoTime() > deadline || over.getCount() == 0) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The coordinator's signed status. A status that does not verify is ignored; if nothing else is
     * there for a few seconds, this worker holds another experiment's secret.
     */
    private ExperimentStatus awaitStatus(IMap<String, ExperimentStatus> control) throws InterruptedException {
        long deadline = System.nanoTime() + settings.reconnectTimeout().toNanos();
        long firstInvalid = 0;
        while (System.nanoTime() < deadline && over.getCount() > 0) {
            ExperimentStatus s = read(control);
            if (s != null && s.verifiedBy(settings.secret())) {
                return s;
            }
            if (s != null) {
                firstInvalid = firstInvalid == 0 ? System.nanoTime() : firstInvalid;
                if (System.nanoTime() - firstInvalid > INVALID_STATUS_NANOS) {
                    throw new InvalidInputException("--secret-file: the coordinator of " + settings.clusterName()
                            + " signs with another key; use the cluster.secret of this experiment's directory");
                }
            }
            Thread.sleep(100);
        }
        log.accept("worker " + settings.workerId() + ": connected, but no experiment was announced within "
                + settings.reconnectTimeout().toSeconds() + " s");
        return null;
    }

    private static final long INVALID_STATUS_NANOS = TimeUnit.SECONDS.toNanos(5);

    private void slotLoop(String slotId, BlockingEvaluator evaluator, IQueue<TaskMessage> tasks,
                          IQueue<ResultMessage> results, IMap<String, WorkerHeartbeat> workers) {
        while (!stopping) {
            TaskMessage task;
            try {
                task = tasks.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // offline while the coordinator restarts, shutting down, or an unreadable task (its
                // lease then expires and the coordinator re-issues it): wait and try again
                if (!pause(200)) {
                    return;
                }
                continue;
            }
            if (task == null) {
                continue;
            }
            if (!task.verifiedBy(settings.secret())) {
                log.accept("worker " + settings.workerId() + ": ignored a task not signed by the coordinator (lease "
                        + Bounded.quote(task.leaseId()) + ")");
                continue;
            }
            leases.add(task.leaseId());
            log.accept("worker " + settings.workerId() + ": slot " + slotId + " evaluates " + task.candidateId()
                    + " (attempt " + task.attempt() + ")");
            try {
                heartbeatAsync(workers);
                ResultMessage answer = evaluate(task, slotId, evaluator);
                deliver(answer, results);
            } catch (RuntimeException | Error e) {
                // Whatever broke, the lease must stop being heartbeated so the coordinator re-issues it.
                log.accept("worker " + settings.workerId() + ": slot " + slotId + " could not finish "
                        + task.candidateId() + ": " + e);
            } finally {
                leases.remove(task.leaseId());
            }
        }
    }

    private ResultMessage evaluate(TaskMessage task, String slotId, BlockingEvaluator evaluator) {
        long started = ResultMessage.epochMicrosNow();
        long t0 = System.nanoTime();
        Fidelity f = checkpoints.active() ? task.fidelity() : null;
        boolean continues = f != null && !f.startsFresh() && local != null;
        if (continues) {
            local.use(f.resumeFrom());
        }
        EvalResult r;
        String unavailable = continues ? fetch(f.resumeFrom()) : null;
        if (unavailable != null) {
            r = failed(task, unavailable, t0, slotId);
        } else {
            try {
                r = evaluator.evaluate(task.candidate(), slotId);
                if (r == null) {
                    r = failed(task, "the evaluator returned no result", t0, slotId);
                }
            } catch (InvalidInputException e) {
                r = failed(task, "the worker could not read the task: " + e.getMessage(), t0, slotId);
            } catch (OutOfMemoryError e) {
                r = failed(task, "out of memory: " + e.getMessage(), t0, slotId);
            } catch (RuntimeException | Error e) {
                r = failed(task, "the evaluator threw " + e, t0, slotId);
            }
        }
        CheckpointDigest digest = null;
        if (f != null && r.ok()) {
            try {
                digest = checkpoints.shipped()
                        ? CheckpointCourier.send(checkpoints.files(), f.checkpoint(), uploads, CheckpointChunk.UPLOAD,
                                task.leaseId(), task.leaseId(), settings.secret())
                        : CheckpointCourier.digestOf(checkpoints.files(), f.checkpoint());
                if (checkpoints.shipped()) {
                    log.accept("worker " + settings.workerId() + ": sent checkpoint " + f.checkpoint() + " ("
                            + digest.bytes() + " bytes, " + digest.chunks() + " chunks)");
                }
            } catch (IOException | RuntimeException e) {
                r = failed(task, "checkpoint " + f.checkpoint() + " could not be sent: " + e.getMessage(), t0, slotId);
            }
        }
        if (local != null && f != null) {
            if (checkpoints.files().contains(f.checkpoint())) {
                local.remember(f.checkpoint());
            }
            if (continues) {
                local.done(f.resumeFrom(), r.ok());
            }
        }
        return ResultMessage.of(task, slotId, started, ResultMessage.epochMicrosNow(), r).withCheckpoint(digest)
                .signedWith(settings.secret());
    }

    /**
     * Makes sure the checkpoint a promotion continues is on this worker's disk, fetching it from the
     * cluster when it is not. Null when it is there, else why not (the attempt then fails with it).
     */
    private String fetch(String id) {
        if (checkpoints.files().contains(id)) {
            return null;
        }
        try (InputStream in = CheckpointCourier.receive(published, CheckpointChunk.PUBLISHED,
                CheckpointChunk.COORDINATOR, id, id, null, settings.secret())) {
            checkpoints.files().receive(id, in);
        } catch (CheckpointRejectedException e) {
            log.accept("worker " + settings.workerId() + ": refused " + e.getMessage());
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "checkpoint " + id + " could not be fetched from the coordinator: " + e.getMessage();
        }
        log.accept("worker " + settings.workerId() + ": fetched checkpoint " + id + " from the coordinator");
        return null;
    }

    private EvalResult failed(TaskMessage task, String reason, long t0, String slotId) {
        Provenance p = new Provenance(settings.evaluatorKind(), task.seed(), task.training(), "", "",
                CodeVersion.current());
        return new EvalResult(task.candidateId(), task.specText(), Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, Double.NaN, (System.nanoTime() - t0) / 1e9, slotId, reason, p);
    }

    /** Offers the result, retrying while the coordinator is unreachable, until the worker stops. */
    private void deliver(ResultMessage answer, IQueue<ResultMessage> results) {
        while (!stopping) {
            try {
                results.offer(answer);
                return;
            } catch (RuntimeException e) {
                if (!pause(200)) {
                    return;
                }
            }
        }
    }

    private void heartbeat(IMap<String, WorkerHeartbeat> workers, boolean leaving) {
        try {
            workers.set(settings.workerId(), beat(leaving));
        } catch (RuntimeException e) {
            // offline: the next beat after reconnecting re-registers this worker
        }
    }

    private void heartbeatAsync(IMap<String, WorkerHeartbeat> workers) {
        try {
            workers.setAsync(settings.workerId(), beat(false));
        } catch (RuntimeException e) {
            // offline: the periodic heartbeat will list the lease
        }
    }

    private WorkerHeartbeat beat(boolean leaving) {
        return new WorkerHeartbeat(settings.workerId(), client.getLocalEndpoint().getUuid().toString(),
                host, ProcessHandle.current().pid(), settings.devices().text(),
                settings.devices().size(), settings.evaluatorKind(), List.copyOf(leases),
                sequence.incrementAndGet(), leaving, fingerprintDigest, "").signedWith(settings.secret());
    }

    private static ExperimentStatus read(IMap<String, ExperimentStatus> control) {
        try {
            return control.get(WireFormat.STATUS_KEY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
