package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.effnas.cluster.trust.Canonical;
import org.effnas.cluster.trust.ClusterSecret;

/**
 * What a worker puts in the workers map every heartbeat: who it is, how many device slots it offers,
 * which leases it is working on and the digest of its recipe, signed with the experiment's secret so
 * no one else can speak for it (and evict it). The coordinator times heartbeats on its own clock.
 *
 * @param clientUuid    the worker's Hazelcast client UUID, to notice at once when it disconnects
 * @param devices       the device list as given, e.g. {@code cpu:2} or {@code gpu:0,1}
 * @param slots         evaluations it can run at once
 * @param evaluatorKind what its evaluator records in provenance ({@code dl4j}, {@code surrogate}, ...)
 * @param leases        lease ids it is evaluating right now
 * @param sequence      increases with every heartbeat of one client (a replayed heartbeat is refused)
 * @param leaving       true in the last heartbeat of a worker that is shutting down
 * @param fingerprint   digest of the worker's recipe fingerprint; must equal the coordinator's
 * @param signature     HMAC-SHA-256 of {@link #canonical} ("" unsigned)
 */
public record WorkerHeartbeat(String workerId, String clientUuid, String host, long pid, String devices,
                              int slots, String evaluatorKind, List<String> leases, long sequence,
                              boolean leaving, String fingerprint, String signature) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.WorkerHeartbeat";

    public WorkerHeartbeat {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("heartbeat: worker id is required");
        }
        // a null lease in a (forged) heartbeat is dropped, never a NullPointerException
        leases = leases == null ? List.of() : leases.stream().filter(Objects::nonNull).toList();
        fingerprint = fingerprint == null ? "" : fingerprint;
        signature = signature == null ? "" : signature;
    }

    /** What the signature covers: every field but the signature. */
    public String canonical() {
        return Canonical.of(TYPE).add("workerId", workerId).add("clientUuid", clientUuid).add("host", host)
                .add("pid", pid).add("devices", devices).add("slots", slots).add("evaluatorKind", evaluatorKind)
                .add("leases", String.join(",", leases)).add("sequence", sequence).add("leaving", leaving)
                .add("fingerprint", fingerprint).text();
    }

    public WorkerHeartbeat signedWith(ClusterSecret secret) {
        return new WorkerHeartbeat(workerId, clientUuid, host, pid, devices, slots, evaluatorKind, leases, sequence,
                leaving, fingerprint, secret.sign(canonical()));
    }

    public boolean verifiedBy(ClusterSecret secret) {
        return secret.verifies(canonical(), signature);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<WorkerHeartbeat> {
        public Serializer() {
            super(TYPE, WorkerHeartbeat.class);
        }

        @Override
        public WorkerHeartbeat read(CompactReader in) {
            String[] leases = in.readArrayOfString("leases");
            return new WorkerHeartbeat(in.readString("workerId"), in.readString("clientUuid"),
                    in.readString("host"), in.readInt64("pid"), in.readString("devices"), in.readInt32("slots"),
                    in.readString("evaluatorKind"), leases == null ? List.of() : Arrays.asList(leases),
                    in.readInt64("sequence"), in.readBoolean("leaving"), in.readString("fingerprint"),
                    in.readString("signature"));
        }

        @Override
        public void write(CompactWriter out, WorkerHeartbeat h) {
            out.writeString("workerId", h.workerId());
            out.writeString("clientUuid", h.clientUuid());
            out.writeString("host", h.host());
            out.writeInt64("pid", h.pid());
            out.writeString("devices", h.devices());
            out.writeInt32("slots", h.slots());
            out.writeString("evaluatorKind", h.evaluatorKind());
            out.writeArrayOfString("leases", h.leases().toArray(String[]::new));
            out.writeInt64("sequence", h.sequence());
            out.writeBoolean("leaving", h.leaving());
            out.writeString("fingerprint", h.fingerprint());
            out.writeString("signature", h.signature());
        }
    }
}
