package org.effnas.cluster.dispatch;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.effnas.cluster.checkpoint.CheckpointCourier;
import org.effnas.cluster.checkpoint.CheckpointRejectedException;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.trust.Bounded;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.wire.CheckpointChunk;
import org.effnas.cluster.wire.CheckpointDigest;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.WireFormat;
import org.effnas.eval.Candidate;
import org.effnas.eval.Fidelity;

/**
 * The coordinator's side of rung checkpoints ({@link CheckpointTransport}): storing what a worker
 * sends (checked before its result is believed), publishing a promotion's checkpoint while it is in
 * flight, releasing both copies, and sweeping chunks nobody will read.
 */
final class CoordinatorCheckpoints {

    private final CheckpointTransport transport;
    private final IMap<String, CheckpointChunk> uploads;
    private final IMap<String, CheckpointChunk> published;
    private final ClusterSecret secret;
    private final Consumer<String> events;
    /** Checkpoint id to the chunks it is published in, while a promotion from it is in flight. */
    private final Map<String, Integer> publishedChunks = new ConcurrentHashMap<>();

    CoordinatorCheckpoints(CheckpointTransport transport, HazelcastInstance hz, ClusterSecret secret,
                           Consumer<String> events) {
        this.transport = transport;
        this.uploads = hz.getMap(WireFormat.CHECKPOINT_UPLOADS);
        this.published = hz.getMap(WireFormat.CHECKPOINTS);
        this.secret = secret;
        this.events = events;
    }

    /** A promotion a trainer could not continue: its checkpoint is not on this disk (null: it is, or none is needed). */
    String missing(Candidate c) {
        Fidelity f = c.fidelity();
        if (transport.required() && f != null && !f.startsFresh() && !transport.files().contains(f.resumeFrom())) {
            events.accept("checkpoint-missing id=" + f.resumeFrom() + " candidate=" + c.id());
            return "checkpoint " + f.resumeFrom() + " is not on the coordinator's disk (released, or its rung never "
                    + "finished); the promotion cannot continue it";
        }
        return null;
    }

    /** Whether the checkpoint a promotion continues leaves the cluster when the promotion is answered. */
    boolean publishes(Fidelity f) {
        return transport.shipped() && f != null && !f.startsFresh();
    }

    /** Before a task is offered (every attempt): publishes the checkpoint a promotion continues. */
    void beforeOffer(Fidelity f) {
        if (publishes(f) && (transport.required() || transport.files().contains(f.resumeFrom()))) {
            publish(f.resumeFrom());
        }
    }

    private void publish(String id) {
        try {
            // listed first, so the sweep never takes the chunks being written for a stray
            publishedChunks.put(id, CheckpointChunk.chunksFor(transport.files().size(id)));
            CheckpointDigest d = CheckpointCourier.send(transport.files(), id, published, CheckpointChunk.PUBLISHED,
                    CheckpointChunk.COORDINATOR, id, secret);
            publishedChunks.put(id, d.chunks());
            events.accept("checkpoint-published id=" + id + " bytes=" + d.bytes() + " chunks=" + d.chunks());
        } catch (IOException | RuntimeException e) {
            // the worker then fails the attempt saying the checkpoint is not there
            events.accept("checkpoint-unavailable id=" + id + " reason=" + Bounded.quote(e.getMessage()));
        }
    }

    /** Removes a published checkpoint from the cluster. */
    void unpublish(String id) {
        Integer chunks = publishedChunks.remove(id);
        if (chunks != null) {
            try {
                CheckpointCourier.drop(published, id, chunks);
            } catch (RuntimeException e) {
                // shutting down: the cluster's data goes with the member
            }
        }
    }

    /** Lets go of a checkpoint: its copy in the cluster (if a promotion left one) and on this disk. */
    void release(String id) {
        unpublish(id);
        if (transport.active()) {
            transport.files().release(id);
        }
    }

    /**
     * For a successful rung result that its lease would accept ({@code candidate}, null when it would
     * not): null when no checkpoint is needed or the one it names is stored with the checksum it
     * signed, otherwise why the result is rejected.
     */
    String problem(ResultMessage m, Candidate candidate) {
        Fidelity f = candidate == null ? null : candidate.fidelity();
        if (!transport.active() || f == null || m.result() == null || !m.result().ok()) {
            return null;
        }
        CheckpointDigest d = m.checkpoint();
        if (d == null) {
            return transport.required() ? "the result of rung " + f.rung() + " names no checkpoint, so no "
                    + "promotion could continue it" : null;
        }
        if (!f.checkpoint().equals(d.id())) {
            return "the result names checkpoint " + Bounded.quote(d.id()) + ", its rung writes " + f.checkpoint();
        }
        try {
            if (transport.shipped()) {
                try (InputStream in = CheckpointCourier.receive(uploads, CheckpointChunk.UPLOAD, m.leaseId(),
                        m.leaseId(), d.id(), d, secret)) {
                    transport.files().receive(d.id(), in);
                }
            } else {
                if (!transport.files().contains(d.id())) {
                    return "checkpoint " + d.id() + " is not on the shared disk";
                }
                CheckpointDigest onDisk = CheckpointCourier.digestOf(transport.files(), d.id());
                if (!onDisk.sha256().equals(d.sha256()) || onDisk.bytes() != d.bytes()) {
                    return "checkpoint " + d.id() + " on the shared disk has SHA-256 " + onDisk.sha256()
                            + ", the result signed " + Bounded.quote(d.sha256());
                }
            }
        } catch (CheckpointRejectedException e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "checkpoint " + d.id() + " could not be stored: " + Bounded.quote(e.getMessage());
        }
        events.accept("checkpoint-stored id=" + d.id() + " bytes=" + d.bytes() + " chunks=" + d.chunks()
                + " lease=" + m.leaseId() + " worker=" + Bounded.quote(m.workerId()));
        return null;
    }

    /** After a result was handled, whatever its fate: its upload chunks go. */
    void handled(ResultMessage m) {
        if (m.checkpoint() != null) {
            try {
                CheckpointCourier.drop(uploads, m.leaseId(), Math.max(0, Math.min(m.checkpoint().chunks(),
                        CheckpointChunk.chunksFor(CheckpointChunk.MAX_BYTES))));
            } catch (RuntimeException e) {
                // the sweep removes them
            }
        }
    }

    /**
     * Upload chunks of leases that are no longer open (answered, lost, or never ours) and published
     * chunks of nothing in flight are removed, so what a dead or rogue client left costs memory for a
     * second at most.
     */
    void sweep(Predicate<String> openLease) {
        try {
            for (String key : uploads.localKeySet()) {
                int slash = key.lastIndexOf('/');
                if (slash <= 0 || !openLease.test(key.substring(0, slash))) {
                    uploads.delete(key);
                }
            }
            for (String key : published.localKeySet()) {
                int slash = key.lastIndexOf('/');
                if (slash <= 0 || !publishedChunks.containsKey(key.substring(0, slash))) {
                    published.delete(key);
                }
            }
        } catch (RuntimeException e) {
            // shutting down, or a foreign key type: the next sweep tries again
        }
    }
}
