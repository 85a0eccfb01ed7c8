package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * The coordinator's word to its workers, kept under one key of the control map: whether the
 * experiment runs or is over, what evaluator kind it expects and how often to heartbeat.
 *
 * @param incarnation     changes every time a coordinator starts (a restart after a crash too)
 * @param finished        true once the experiment is over: workers then leave and exit 0
 * @param evaluatorKind   the kind every result must carry in its provenance
 * @param heartbeatMillis how often workers heartbeat
 * @param leaseTimeoutMillis a lease with no heartbeat for this long is expired and its candidate retried
 */
public record ExperimentStatus(String experimentId, String incarnation, boolean finished,
                               String evaluatorKind, long heartbeatMillis, long leaseTimeoutMillis) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.ExperimentStatus";

    public ExperimentStatus asFinished() {
        return new ExperimentStatus(experimentId, incarnation, true, evaluatorKind, heartbeatMillis,
                leaseTimeoutMillis);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<ExperimentStatus> {
        public Serializer() {
            super(TYPE, ExperimentStatus.class);
        }

        @Override
        public ExperimentStatus read(CompactReader in) {
            return new ExperimentStatus(in.readString("experimentId"), in.readString("incarnation"),
                    in.readBoolean("finished"), in.readString("evaluatorKind"), in.readInt64("heartbeatMillis"),
                    in.readInt64("leaseTimeoutMillis"));
        }

        @Override
        public void write(CompactWriter out, ExperimentStatus s) {
            out.writeString("experimentId", s.experimentId());
            out.writeString("incarnation", s.incarnation());
            out.writeBoolean("finished", s.finished());
            out.writeString("evaluatorKind", s.evaluatorKind());
            out.writeInt64("heartbeatMillis", s.heartbeatMillis());
            out.writeInt64("leaseTimeoutMillis", s.leaseTimeoutMillis());
        }
    }
}
