package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.effnas.cluster.trust.Canonical;
import org.effnas.cluster.trust.ClusterSecret;

/**
 * The coordinator's word to its workers, kept under one key of the control map and signed with the
 * experiment's secret: whether the experiment runs or is over, what evaluator kind and recipe it
 * expects and how often to heartbeat. Workers believe only a status whose signature verifies, so
 * only the coordinator can end an experiment.
 *
 * @param incarnation     changes every time a coordinator starts (a restart after a crash too)
 * @param finished        true once the experiment is over: workers then leave and exit 0
 * @param evaluatorKind   the kind every result must carry in its provenance
 * @param heartbeatMillis how often workers heartbeat
 * @param leaseTimeoutMillis a lease with no heartbeat for this long is expired and its candidate retried
 * @param fingerprint     the experiment's recipe fingerprint as {@code key=value} lines
 * @param signature       HMAC-SHA-256 of {@link #canonical} ("" unsigned)
 */
public record ExperimentStatus(String experimentId, String incarnation, boolean finished,
                               String evaluatorKind, long heartbeatMillis, long leaseTimeoutMillis,
                               List<String> fingerprint, String signature) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.ExperimentStatus";

    public ExperimentStatus {
        fingerprint = fingerprint == null ? List.of() : fingerprint.stream().filter(Objects::nonNull).toList();
        signature = signature == null ? "" : signature;
    }

    public ExperimentStatus asFinished() {
        return new ExperimentStatus(experimentId, incarnation, true, evaluatorKind, heartbeatMillis,
                leaseTimeoutMillis, fingerprint, "");
    }

    /** What the signature covers: every field but the signature. */
    public String canonical() {
        return Canonical.of(TYPE).add("experimentId", experimentId).add("incarnation", incarnation)
                .add("finished", finished).add("evaluatorKind", evaluatorKind).add("heartbeatMillis", heartbeatMillis)
                .add("leaseTimeoutMillis", leaseTimeoutMillis).add("fingerprint", String.join("\n", fingerprint))
                .text();
    }

    public ExperimentStatus signedWith(ClusterSecret secret) {
        return new ExperimentStatus(experimentId, incarnation, finished, evaluatorKind, heartbeatMillis,
                leaseTimeoutMillis, fingerprint, secret.sign(canonical()));
    }

    public boolean verifiedBy(ClusterSecret secret) {
        return secret.verifies(canonical(), signature);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<ExperimentStatus> {
        public Serializer() {
            super(TYPE, ExperimentStatus.class);
        }

        @Override
        public ExperimentStatus read(CompactReader in) {
            String[] fingerprint = in.readArrayOfString("fingerprint");
            return new ExperimentStatus(in.readString("experimentId"), in.readString("incarnation"),
                    in.readBoolean("finished"), in.readString("evaluatorKind"), in.readInt64("heartbeatMillis"),
                    in.readInt64("leaseTimeoutMillis"), fingerprint == null ? List.of() : Arrays.asList(fingerprint),
                    in.readString("signature"));
        }

        @Override
        public void write(CompactWriter out, ExperimentStatus s) {
            out.writeString("experimentId", s.experimentId());
            out.writeString("incarnation", s.incarnation());
            out.writeBoolean("finished", s.finished());
            out.writeString("evaluatorKind", s.evaluatorKind());
            out.writeInt64("heartbeatMillis", s.heartbeatMillis());
            out.writeInt64("leaseTimeoutMillis", s.leaseTimeoutMillis());
            out.writeArrayOfString("fingerprint", s.fingerprint().toArray(String[]::new));
            out.writeString("signature", s.signature());
        }
    }
}
