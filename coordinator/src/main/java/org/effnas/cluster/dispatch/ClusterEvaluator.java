package org.effnas.cluster.dispatch;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.wire.ExperimentStatus;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;
import org.effnas.eval.Fidelity;
import org.effnas.eval.Provenance;
import org.effnas.version.CodeVersion;

/**
 * An {@link Evaluator} backed by a Hazelcast cluster: this process is the (only) member and holds
 * the data; workers are clients that take tasks from a queue, heartbeat their leases in a map and
 * offer results to another queue. Leases that stop heartbeating, or whose worker disconnects, are
 * re-issued; results are accepted once, from an open lease held by the worker that answers, after
 * validation. Every message is signed with the experiment's secret (HMAC-SHA-256): tasks and the
 * status by this process, results and heartbeats by workers; anything that does not verify is
 * counted ({@link ClusterStats#forged}) and ignored without touching a lease.
 *
 * <p>Rung checkpoints ({@link CheckpointTransport}): on the CLUSTER route a worker sends the
 * checkpoint its rung wrote as signed chunks before its result, and the result is accepted only once
 * the chunks verified and the checkpoint is stored on this process's disk with the checksum the
 * result signed; a promotion's checkpoint is published from that disk each time its task is offered,
 * and removed from the cluster when the promotion is answered. On a SHARED_DISK (the embedded
 * cluster) nothing travels and the checksum is checked against the file itself.
 *
 * <p>{@link #close()} tells the workers the experiment is over (they leave and exit 0), waits
 * briefly for them to go, then shuts the member down.
 */
public final class ClusterEvaluator implements Evaluator {

    private final ClusterSettings settings;
    private final HazelcastInstance hz;
    private final LeaseBook book;
    private final IQueue<TaskMessage> tasks;
    private final IQueue<ResultMessage> results;
    private final IMap<String, WorkerHeartbeat> workers;
    private final IMap<String, ExperimentStatus> control;
    private final ClusterSecret secret;
    private volatile ExperimentStatus status;
    private final ScheduledExecutorService reaper;
    private final ExecutorService completions;
    private final Thread resultLoop;
    private final Consumer<String> events;
    private final CoordinatorCheckpoints checkpoints;
    private volatile boolean closed;

    private ClusterEvaluator(ClusterSettings settings, HazelcastInstance hz, Consumer<String> events,
                             CheckpointTransport checkpoints) {
        this.settings = settings;
        this.hz = hz;
        this.events = events;
        this.checkpoints = new CoordinatorCheckpoints(checkpoints, hz, settings.secret(), events);
        String incarnation = UUID.randomUUID().toString().substring(0, 8);
        this.secret = settings.secret();
        this.book = new LeaseBook(settings.maxAttempts(), settings.leaseTimeout().toNanos(), settings.fingerprint(),
                settings.evaluatorKind(), incarnation, events);
        this.tasks = hz.getQueue(WireFormat.TASKS);
        this.results = hz.getQueue(WireFormat.RESULTS);
        this.workers = hz.getMap(WireFormat.WORKERS);
        this.control = hz.getMap(WireFormat.CONTROL);
        this.status = new ExperimentStatus(settings.clusterName(), incarnation, false, settings.evaluatorKind(),
                settings.heartbeat().toMillis(), settings.leaseTimeout().toMillis(), settings.fingerprint().lines(), "")
                .signedWith(secret);
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemon("effnas-lease-reaper"));
        this.completions = Executors.newSingleThreadExecutor(daemon("effnas-completions"));
        this.resultLoop = daemon("effnas-results").newThread(this::consumeResults);
    }

    /**
     * Starts the coordinator's member and begins accepting workers.
     *
     * @param events receives one line per lease event ({@code lease-lost ...}, {@code result-accepted ...})
     */
    public static ClusterEvaluator start(ClusterSettings settings, Consumer<String> events) {
        return start(settings, events, CheckpointTransport.none());
    }

    /** As {@link #start(ClusterSettings, Consumer)}, keeping rung checkpoints as {@code checkpoints} says. */
    public static ClusterEvaluator start(ClusterSettings settings, Consumer<String> events,
                                         CheckpointTransport checkpoints) {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(settings));
        ClusterEvaluator e = new ClusterEvaluator(settings, hz, events, checkpoints);
        e.begin();
        return e;
    }

    private void begin() {
        control.set(WireFormat.STATUS_KEY, status);
        // Only our signed status counts; whatever else is written there is put back at once.
        control.addEntryListener((EntryUpdatedListener<String, ExperimentStatus>) e -> restoreStatus(), false);
        control.addEntryListener((EntryRemovedListener<String, ExperimentStatus>) e -> restoreStatus(), false);
        workers.addEntryListener((EntryAddedListener<String, WorkerHeartbeat>) this::onHeartbeat, true);
        workers.addEntryListener((EntryUpdatedListener<String, WorkerHeartbeat>) this::onHeartbeat, true);
        tasks.addItemListener(new ItemListener<>() {
            @Override
            public void itemAdded(ItemEvent<TaskMessage> item) {
                // offered by us: nothing to learn
            }

            @Override
            public void itemRemoved(ItemEvent<TaskMessage> item) {
                try {
                    if (item.getItem() != null) {
                        book.taken(item.getItem().leaseId(), System.nanoTime());
                    }
                } catch (RuntimeException unreadable) {
                    // something foreign was in the queue: none of our leases is affected
                }
            }
        }, true);
        hz.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
                // a worker announces itself with its first heartbeat
            }

            @Override
            public void clientDisconnected(Client client) {
                carryOut(book.clientLeft(client.getUuid().toString(), System.nanoTime(),
                        ResultMessage.epochMicrosNow()));
            }
        });
        long tick = Math.max(20, Math.min(1000, settings.leaseTimeout().toMillis() / 10));
        reaper.scheduleWithFixedDelay(() -> carryOut(book.expire(System.nanoTime(), ResultMessage.epochMicrosNow())),
                tick, tick, TimeUnit.MILLISECONDS);
        // also without checkpoints of our own: whatever a client leaves in the chunk maps is removed
        reaper.scheduleWithFixedDelay(() -> checkpoints.sweep(book::isOpen), 1, 1, TimeUnit.SECONDS);
        resultLoop.start();
        events.accept("coordinator-started cluster=" + settings.clusterName() + " address=" + address()
                + " incarnation=" + status.incarnation());
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate candidate) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("cluster evaluator is closed"));
        }
        String missing = checkpoints.missing(candidate);
        if (missing != null) {
            return CompletableFuture.completedFuture(EvalResult.failed(candidate, missing, 0, "cluster",
                    new Provenance(settings.evaluatorKind(), candidate.seed(), candidate.training(), "", "",
                            CodeVersion.current())));
        }
        Fidelity f = candidate.fidelity();
        LeaseBook.Opened opened = book.open(candidate, System.nanoTime(), ResultMessage.epochMicrosNow());
        if (opened.task() != null) {
            offer(opened.task());
            if (checkpoints.publishes(f)) {
                opened.future().whenComplete((r, e) -> checkpoints.unpublish(f.resumeFrom()));
            }
        }
        return opened.future();
    }

    /** Offers a task, publishing the checkpoint a promotion continues first (on every attempt). */
    private void offer(TaskMessage task) {
        checkpoints.beforeOffer(task.fidelity());
        tasks.offer(task.signedWith(secret));
    }

    /**
     * Lets go of a checkpoint no scheduler decision can need any more: its copy in the cluster (if a
     * promotion left one) and on this process's disk.
     */
    public void releaseCheckpoint(String id) {
        checkpoints.release(id);
    }

    @Override
    public int capacity() {
        return book.capacity();
    }

    @Override
    public String kind() {
        return settings.evaluatorKind();
    }

    /** The address workers join ({@code --join HOST:PORT}). */
    public HostPort address() {
        InetSocketAddress a = (InetSocketAddress) hz.getLocalEndpoint().getSocketAddress();
        return HostPort.of(a.getAddress().getHostAddress(), a.getPort());
    }

    public ClusterStats stats() {
        return book.stats();
    }

    /** Submission-to-start delay of every answered attempt, in microseconds (for the benchmark). */
    public List<Long> dispatchMicros() {
        return book.dispatchMicros();
    }

    /** Waits until at least {@code count} workers heartbeat; false on timeout. */
    public boolean awaitWorkers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (book.workerCount() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Members in the cluster (1 unless another member was admitted). */
    public int memberCount() {
        return hz.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            status = status.asFinished().signedWith(secret);
            control.set(WireFormat.STATUS_KEY, status);
            long drainMillis = Math.min(15_000, 3 * settings.heartbeat().toMillis() + 2_000);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
            while (!hz.getClientService().getConnectedClients().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            events.accept("close-warning reason=" + e);
        }
        List<CompletableFuture<EvalResult>> open = book.abandonAll();
        for (CompletableFuture<EvalResult> f : open) {
            f.completeExceptionally(new CancellationException("the cluster evaluator was closed with "
                    + open.size() + " candidates unfinished"));
        }
        reaper.shutdownNow();
        resultLoop.interrupt();
        try {
            resultLoop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown();
        hz.shutdown();
        events.accept("coordinator-stopped " + stats());
    }

    private void restoreStatus() {
        try {
            ExperimentStatus now = control.get(WireFormat.STATUS_KEY);
            if (!status.equals(now)) {
                control.set(WireFormat.STATUS_KEY, status);
            }
        } catch (RuntimeException e) {
            // unreadable (a foreign type) or shutting down: overwrite, or give up if the member is gone
            try {
                control.set(WireFormat.STATUS_KEY, status);
            } catch (RuntimeException gone) {
                // the member is shutting down
            }
        }
    }

    /**
     * A heartbeat counts only when its signature verifies and it comes from a client that is
     * connected now (an old heartbeat replayed under a previous client's id is ignored).
     */
    private void onHeartbeat(EntryEvent<String, WorkerHeartbeat> e) {
        WorkerHeartbeat hb;
        try {
            hb = e.getValue();
        } catch (RuntimeException unreadable) {
            book.forged("heartbeat", "unreadable: " + firstLine(unreadable));
            return;
        }
        if (hb == null) {
            return;
        }
        if (!hb.verifiedBy(secret)) {
            book.forged("heartbeat", "unsigned or mis-signed, for worker " + hb.workerId());
            return;
        }
        if (!connected(hb.clientUuid())) {
            book.forged("heartbeat", "from a client that is not connected, for worker " + hb.workerId());
            return;
        }
        carryOut(book.heartbeat(hb, System.nanoTime(), ResultMessage.epochMicrosNow()));
    }

    private boolean connected(String clientUuid) {
        try {
            for (Client c : hz.getClientService().getConnectedClients()) {
                if (c.getUuid().toString().equals(clientUuid)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    private static String firstLine(Throwable t) {
        return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.getClass().getSimpleName());
    }

    private void consumeResults() {
        while (!closed) {
            ResultMessage m;
            try {
                m = results.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | HazelcastInstanceNotActiveException e) {
                return;
            } catch (HazelcastSerializationException | IllegalArgumentException | ClassCastException
                     | NullPointerException e) {
                book.unreadable(firstLine(e));
                continue;
            }
            if (m == null) {
                continue;
            }
            if (!m.verifiedBy(secret)) {
                book.forged("result", "unsigned or mis-signed, for lease " + m.leaseId());
                continue;
            }
            String checkpointProblem = checkpoints.problem(m, book.answerable(m.leaseId(), m.worker()));
            carryOut(book.result(m, System.nanoTime(), ResultMessage.epochMicrosNow(), checkpointProblem));
            checkpoints.handled(m);
        }
    }

    private void carryOut(LeaseBook.Decisions d) {
        if (d.isEmpty()) {
            return;
        }
        try {
            for (TaskMessage t : d.offers()) {
                offer(t);
            }
            for (String w : d.forgottenWorkers()) {
                workers.delete(w);
            }
        } catch (HazelcastInstanceNotActiveException e) {
            return;
        }
        for (LeaseBook.Completion c : d.completions()) {
            completions.execute(() -> c.future().complete(c.result()));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
