package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.List;

/**
 * What a worker puts in the workers map every heartbeat: who it is, how many device slots it offers
 * and which leases it is working on. The coordinator times heartbeats on its own clock.
 *
 * @param clientUuid    the worker's Hazelcast client UUID, to notice at once when it disconnects
 * @param devices       the device list as given, e.g. {@code cpu:2} or {@code gpu:0,1}
 * @param slots         evaluations it can run at once
 * @param evaluatorKind what its evaluator records in provenance ({@code dl4j}, {@code surrogate}, ...)
 * @param leases        lease ids it is evaluating right now
 * @param sequence      increases with every heartbeat
 * @param leaving       true in the last heartbeat of a worker that is shutting down
 */
public record WorkerHeartbeat(String workerId, String clientUuid, String host, long pid, String devices,
                              int slots, String evaluatorKind, List<String> leases, long sequence,
                              boolean leaving) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.WorkerHeartbeat";

    public WorkerHeartbeat {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("heartbeat: worker id is required");
        }
        leases = leases == null ? List.of() : List.copyOf(leases);
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
                    in.readString("evaluatorKind"), leases == null ? List.of() : List.of(leases),
                    in.readInt64("sequence"), in.readBoolean("leaving"));
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
        }
    }
}
