package org.effnas.cluster.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;

/**
 * The open attempt of one candidate, as the lease book tracks it: its lease, where it is (queued or
 * held by a worker), when it was last seen alive, and what earlier attempts of the candidate did.
 * Mutable, and only touched under the lease book's lock.
 */
final class Attempt {
    final Candidate candidate;
    final CompletableFuture<EvalResult> future;
    final List<String> history = new ArrayList<>();
    int number;
    String leaseId;
    boolean inQueue;
    long evidenceNanos;
    long offeredAtMicros;
    String workerId;
    double wallSeconds;
    String lastWorkerId;
    Provenance lastTrustedProvenance;

    Attempt(Candidate candidate, CompletableFuture<EvalResult> future) {
        this.candidate = candidate;
        this.future = future;
    }

    /** Moves to a new attempt under a new lease, back in the queue. */
    TaskMessage reissue(String newLeaseId, long nowNanos, long nowMicros) {
        number++;
        leaseId = newLeaseId;
        inQueue = true;
        evidenceNanos = nowNanos;
        offeredAtMicros = nowMicros;
        workerId = null;
        return TaskMessage.of(leaseId, candidate, number);
    }
}
