package org.effnas.cluster.dispatch;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.effnas.cluster.trust.Bounded;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.version.CodeVersion;

/**
 * The coordinator's bookkeeping, free of Hazelcast so it can be tested on a fake clock: which
 * candidate holds which lease, which workers are alive, and what to do when a result arrives, a
 * heartbeat stops or a worker leaves. Every method returns the {@link Decisions} to carry out
 * (tasks to offer, futures to complete, dead workers to forget) instead of doing I/O itself.
 *
 * <p>Exactly once: a future is completed only from an open lease, and the lease is closed in the
 * same step; results for closed or unknown leases are discarded.
 */
final class LeaseBook {

    /** What the caller must do after a call, outside the book's lock. */
    record Decisions(List<TaskMessage> offers, List<Completion> completions, List<String> forgottenWorkers) {
        static Decisions none() {
            return new Decisions(List.of(), List.of(), List.of());
        }

        boolean isEmpty() {
            return offers.isEmpty() && completions.isEmpty() && forgottenWorkers.isEmpty();
        }
    }

    /** A future to complete with a result. */
    record Completion(CompletableFuture<EvalResult> future, EvalResult result) {
    }

    /** The future of a submitted candidate and the task to offer for it (null if already in flight). */
    record Opened(CompletableFuture<EvalResult> future, TaskMessage task) {
    }

    private record WorkerState(WorkerHeartbeat heartbeat, long seenNanos) {
    }

    private static final SecureRandom LEASE_IDS = new SecureRandom();

    private final int maxAttempts;
    private final long leaseTimeoutNanos;
    private final String expectedKind;
    private final RecipeFingerprint fingerprint;
    private final String fingerprintDigest;
    private final Set<String> refusedWorkers = new HashSet<>();
    private final String leasePrefix;
    private final Consumer<String> events;
    private final Map<String, Attempt> byLease = new HashMap<>();
    private final Map<String, Attempt> byCandidate = new HashMap<>();
    private final Set<String> closedLeases = new HashSet<>();
    private final Map<String, WorkerState> workers = new HashMap<>();
    private final List<Long> dispatchMicros = new ArrayList<>();
    private long submitted;
    private long completed;
    private long failedFinal;
    private long retries;
    private long leasesLost;
    private long rejected;
    private long discardedLate;
    private long forged;
    private long refused;

    LeaseBook(int maxAttempts, long leaseTimeoutNanos, String expectedKind, String leasePrefix,
              Consumer<String> events) {
        this(maxAttempts, leaseTimeoutNanos, RecipeFingerprint.ofKind(expectedKind, ""),
                expectedKind, leasePrefix, events);
    }

    LeaseBook(int maxAttempts, long leaseTimeoutNanos, RecipeFingerprint fingerprint, String expectedKind,
              String leasePrefix, Consumer<String> events) {
        this.maxAttempts = maxAttempts;
        this.leaseTimeoutNanos = leaseTimeoutNanos;
        this.expectedKind = expectedKind;
        this.fingerprint = fingerprint;
        this.fingerprintDigest = fingerprint.digest();
        this.leasePrefix = leasePrefix;
        this.events = events;
    }

    synchronized Opened open(Candidate c, long nowNanos, long nowMicros) {
        Attempt existing = byCandidate.get(c.id());
        if (existing != null) {
            return new Opened(existing.future, null);
        }
        Attempt a = new Attempt(c, new CompletableFuture<>());
        TaskMessage task = a.reissue(nextLease(), nowNanos, nowMicros);
        byCandidate.put(c.id(), a);
        byLease.put(a.leaseId, a);
        submitted++;
        return new Opened(a.future, task);
    }

    /** A task left the queue: some worker took it and must now heartbeat it. */
    synchronized void taken(String leaseId, long nowNanos) {
        Attempt a = byLease.get(leaseId);
        if (a != null && a.inQueue) {
            a.inQueue = false;
            a.evidenceNanos = nowNanos;
        }
    }

    /**
     * A signed heartbeat (the caller checked the signature). Refused when its recipe differs from the
     * experiment's, ignored when it is not newer than the last one of the same client (a replay).
     */
    synchronized Decisions heartbeat(WorkerHeartbeat hb, long nowNanos, long nowMicros) {
        String shape = Bounded.oversized("workerId", hb.workerId(), "clientUuid", hb.clientUuid(), "host", hb.host(),
                "devices", hb.devices(), "evaluatorKind", hb.evaluatorKind());
        if (shape != null || hb.leases().size() > Bounded.MAX_LEASES) {
            forged("heartbeat", shape != null ? shape : "it lists " + hb.leases().size() + " leases");
            return Decisions.none();
        }
        if (!fingerprintDigest.equals(hb.fingerprint())) {
            refused++;
            if (refusedWorkers.add(hb.workerId())) {
                events.accept("worker-refused worker=" + Bounded.quote(hb.workerId())
                        + " reason=its recipe fingerprint differs from the experiment's");
            }
            return Decisions.none();
        }
        WorkerState previous = workers.get(hb.workerId());
        if (previous != null && Objects.equals(previous.heartbeat.clientUuid(), hb.clientUuid())
                && hb.sequence() <= previous.heartbeat.sequence()) {
            forged("heartbeat", "replayed (sequence " + hb.sequence() + " after " + previous.heartbeat.sequence()
                    + ") for worker " + Bounded.quote(hb.workerId()));
            return Decisions.none();
        }
        if (hb.leaving()) {
            workers.remove(hb.workerId());
            events.accept("worker-left worker=" + Bounded.quote(hb.workerId()));
            return loseLeasesOf(hb.workerId(), "its worker left", nowNanos, nowMicros, List.of(hb.workerId()));
        }
        workers.put(hb.workerId(), new WorkerState(hb, nowNanos));
        if (previous == null) {
            events.accept("worker-joined worker=" + Bounded.quote(hb.workerId()) + " slots=" + hb.slots()
                    + " kind=" + Bounded.quote(hb.evaluatorKind()));
        }
        for (String lease : hb.leases()) {
            Attempt a = byLease.get(lease);
            // a lease belongs to the first worker that claims it; no one else can take it over
            if (a != null && (a.workerId == null || a.workerId.equals(hb.workerId()))) {
                a.inQueue = false;
                a.evidenceNanos = nowNanos;
                a.workerId = hb.workerId();
            }
        }
        return Decisions.none();
    }

    /** A message that did not verify (unsigned, mis-signed, unreadable): counted and ignored, no lease touched. */
    synchronized void forged(String kind, String why) {
        forged++;
        events.accept("message-forged kind=" + kind + " reason=" + Bounded.quote(why));
    }

    /** A Hazelcast client disconnected: the leases of its worker are lost now, not at timeout. */
    synchronized Decisions clientLeft(String clientUuid, long nowNanos, long nowMicros) {
        for (WorkerState w : workers.values()) {
            if (clientUuid.equals(w.heartbeat.clientUuid())) {
                String id = w.heartbeat.workerId();
                workers.remove(id);
                events.accept("worker-disconnected worker=" + Bounded.quote(id));
                return loseLeasesOf(id, "its worker disconnected", nowNanos, nowMicros, List.of(id));
            }
        }
        return Decisions.none();
    }

    /** A signed result (the caller checked the signature). */
    synchronized Decisions result(ResultMessage m, long nowNanos, long nowMicros) {
        return result(m, nowNanos, nowMicros, null);
    }

    /**
     * The candidate of an open lease that {@code worker} may answer (it holds the lease, or nobody does
     * yet and it has joined), or null: what a result's checkpoint is checked against before the result.
     */
    synchronized Candidate answerable(String leaseId, String worker) {
        Attempt a = leaseId == null ? null : byLease.get(leaseId);
        if (a == null || worker == null) {
            return null;
        }
        return (a.workerId == null ? workers.containsKey(worker) : a.workerId.equals(worker)) ? a.candidate : null;
    }

    /** Whether a lease is open (its attempt has no answer yet). */
    synchronized boolean isOpen(String leaseId) {
        return byLease.containsKey(leaseId);
    }

    /**
     * A signed result whose checkpoint was checked first: {@code checkpointProblem} (null when the
     * checkpoint was stored, or the result needs none) rejects it like any invalid result.
     */
    synchronized Decisions result(ResultMessage m, long nowNanos, long nowMicros, String checkpointProblem) {
        String shape = Bounded.oversized("leaseId", m.leaseId(), "candidateId", m.candidateId(), "workerId",
                m.workerId());
        if (shape != null) {
            forged("result", shape);
            return Decisions.none();
        }
        Attempt a = m.leaseId() == null ? null : byLease.get(m.leaseId());
        String worker = m.worker() == null || m.worker().isBlank() ? "?" : m.worker();
        if (a == null) {
            discardedLate++;
            String why = closedLeases.contains(m.leaseId()) ? "lease already closed (expired or answered)"
                    : "unknown lease (from a previous coordinator run?)";
            events.accept("result-discarded lease=" + Bounded.quote(m.leaseId()) + " candidate="
                    + Bounded.quote(m.candidateId()) + " worker=" + Bounded.quote(m.workerId()) + " reason=" + why);
            return Decisions.none();
        }
        String notHolder = a.workerId == null
                ? (workers.containsKey(worker) ? null : "its worker has not joined (no valid heartbeat)")
                : (a.workerId.equals(worker) ? null : "the lease is held by another worker");
        if (notHolder != null) {
            discardedLate++;
            events.accept("result-discarded lease=" + a.leaseId + " candidate=" + a.candidate.id()
                    + " worker=" + Bounded.quote(m.workerId()) + " reason=" + notHolder);
            return Decisions.none();
        }
        a.workerId = worker;
        String problem = ResultCheck.problem(m, a.candidate, a.number, expectedKind, fingerprint);
        if (problem == null) {
            problem = checkpointProblem;
        }
        if (problem != null) {
            rejected++;
            events.accept("result-rejected lease=" + a.leaseId + " candidate=" + a.candidate.id()
                    + " worker=" + Bounded.quote(m.workerId()) + " reason=" + Bounded.quote(problem));
            return failAttempt(a, "invalid result from " + Bounded.quote(worker) + ": " + Bounded.quote(problem),
                    nowNanos, nowMicros);
        }
        dispatchMicros.add(m.startedAtMicros() - a.offeredAtMicros);
        EvalResult r = m.result();
        a.wallSeconds += r.wallSeconds();
        String slot = Bounded.quote(m.workerId());
        a.lastWorkerId = m.workerId();
        a.lastTrustedProvenance = r.provenance();
        if (!r.ok()) {
            events.accept("attempt-failed lease=" + a.leaseId + " candidate=" + a.candidate.id()
                    + " worker=" + slot + " attempt=" + a.number + " reason=" + Bounded.quote(r.failure()));
            return failAttempt(a, Bounded.quote(r.failure()) + " (on " + slot + ")", nowNanos, nowMicros);
        }
        close(a);
        completed++;
        events.accept("result-accepted lease=" + a.leaseId + " candidate=" + a.candidate.id()
                + " worker=" + slot + " attempt=" + a.number);
        return new Decisions(List.of(), List.of(new Completion(a.future, r)), List.of());
    }

    /** A message on the results queue could not even be read (garbage or a foreign type). */
    synchronized void unreadable(String why) {
        forged("result", "unreadable message: " + why);
    }

    /** Expires leases that stopped heartbeating and forgets workers that went silent. */
    synchronized Decisions expire(long nowNanos, long nowMicros) {
        List<String> silent = new ArrayList<>();
        for (Iterator<WorkerState> it = workers.values().iterator(); it.hasNext(); ) {
            WorkerState w = it.next();
            if (nowNanos - w.seenNanos > leaseTimeoutNanos) {
                it.remove();
                silent.add(w.heartbeat.workerId());
                events.accept("worker-silent worker=" + Bounded.quote(w.heartbeat.workerId()));
            }
        }
        List<Attempt> lost = new ArrayList<>();
        for (Attempt a : byLease.values()) {
            if (!a.inQueue && nowNanos - a.evidenceNanos > leaseTimeoutNanos) {
                lost.add(a);
            }
        }
        Decisions d = loseAll(lost, "lease expired (no heartbeat for "
                + String.format(Locale.ROOT, "%.1f", leaseTimeoutNanos / 1e9) + " s)", nowNanos, nowMicros);
        return new Decisions(d.offers, d.completions, silent);
    }

    /** Device slots of the live workers, at least 1 so a search can start and wait. */
    synchronized int capacity() {
        return Math.max(1, slots());
    }

    synchronized ClusterStats stats() {
        return new ClusterStats(submitted, completed, failedFinal, retries, leasesLost, rejected, discardedLate,
                forged, refused, workers.size(), slots());
    }

    /** Submission-to-start delay of every accepted answer, in microseconds. */
    synchronized List<Long> dispatchMicros() {
        return List.copyOf(dispatchMicros);
    }

    synchronized int inFlight() {
        return byCandidate.size();
    }

    synchronized int workerCount() {
        return workers.size();
    }

    /** Closes every open lease and hands back their futures (the evaluator is shutting down). */
    synchronized List<CompletableFuture<EvalResult>> abandonAll() {
        List<CompletableFuture<EvalResult>> open = new ArrayList<>();
        for (Attempt a : List.copyOf(byLease.values())) {
            close(a);
            open.add(a.future);
        }
        return open;
    }

    private int slots() {
        return workers.values().stream().mapToInt(w -> Math.max(0, w.heartbeat.slots())).sum();
    }

    private Decisions loseLeasesOf(String workerId, String why, long nowNanos, long nowMicros,
                                   List<String> forgotten) {
        List<Attempt> lost = new ArrayList<>();
        for (Attempt a : byLease.values()) {
            if (workerId.equals(a.workerId)) {
                lost.add(a);
            }
        }
        Decisions d = loseAll(lost, why, nowNanos, nowMicros);
        return new Decisions(d.offers, d.completions, forgotten);
    }

    private Decisions loseAll(List<Attempt> lost, String why, long nowNanos, long nowMicros) {
        List<TaskMessage> offers = new ArrayList<>();
        List<Completion> completions = new ArrayList<>();
        for (Attempt a : lost) {
            leasesLost++;
            String holder = a.workerId == null ? "an unknown worker" : Bounded.quote(a.workerId);
            events.accept("lease-lost lease=" + a.leaseId + " candidate=" + a.candidate.id() + " worker=" + holder
                    + " attempt=" + a.number + " reason=" + why);
            Decisions d = failAttempt(a, why + " (on " + holder + ")", nowNanos, nowMicros);
            offers.addAll(d.offers);
            completions.addAll(d.completions);
        }
        return new Decisions(offers, completions, List.of());
    }

    /** Retries the candidate under a new lease, or records it as failed after its last attempt. */
    private Decisions failAttempt(Attempt a, String reason, long nowNanos, long nowMicros) {
        a.history.add("#" + a.number + " " + reason);
        closedLeases.add(a.leaseId);
        byLease.remove(a.leaseId);
        if (a.number < maxAttempts) {
            retries++;
            TaskMessage task = a.reissue(nextLease(), nowNanos, nowMicros);
            byLease.put(a.leaseId, a);
            events.accept("retry candidate=" + a.candidate.id() + " attempt=" + a.number + " lease=" + a.leaseId);
            return new Decisions(List.of(task), List.of(), List.of());
        }
        byCandidate.remove(a.candidate.id());
        completed++;
        failedFinal++;
        String summary = "failed after " + a.number + (a.number == 1 ? " attempt: " : " attempts: ")
                + String.join("; ", a.history);
        events.accept("candidate-failed candidate=" + a.candidate.id() + " reason=" + summary);
        Candidate c = a.candidate;
        Provenance p = a.lastTrustedProvenance != null ? a.lastTrustedProvenance
                : new Provenance(expectedKind, c.seed(), c.training(), "", "", CodeVersion.current());
        EvalResult failed = EvalResult.failed(c, summary, a.wallSeconds,
                a.lastWorkerId == null ? "cluster" : a.lastWorkerId, p);
        return new Decisions(List.of(), List.of(new Completion(a.future, failed)), List.of());
    }

    private void close(Attempt a) {
        closedLeases.add(a.leaseId);
        byLease.remove(a.leaseId);
        byCandidate.remove(a.candidate.id());
    }

    /** Unguessable: the incarnation, then 128 random bits. */
    private String nextLease() {
        byte[] b = new byte[16];
        LEASE_IDS.nextBytes(b);
        return leasePrefix + "-" + HexFormat.of().formatHex(b);
    }
}
