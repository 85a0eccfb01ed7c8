package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.time.Instant;
import org.effnas.cluster.trust.Canonical;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;

/**
 * A worker's answer to one {@link TaskMessage}: the evaluation result (possibly a failed one) and
 * when the worker started and finished it, signed with the experiment's secret. The coordinator
 * accepts it only when the signature verifies, the lease is open and held by this worker.
 *
 * @param workerId         the slot that computed it, {@code <worker id>/<device>}
 * @param startedAtMicros  worker wall clock (epoch microseconds) just before evaluation began
 * @param finishedAtMicros worker wall clock when evaluation ended
 * @param checkpoint       the checkpoint a rung wrote (sent before this message), or null
 * @param signature        HMAC-SHA-256 of {@link #canonical} ("" unsigned)
 */
public record ResultMessage(String leaseId, String candidateId, int attempt, String workerId,
                            long startedAtMicros, long finishedAtMicros, EvalResult result,
                            CheckpointDigest checkpoint, String signature) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.Result";

    public ResultMessage {
        signature = signature == null ? "" : signature;
    }

    /** A message without a checkpoint. */
    public ResultMessage(String leaseId, String candidateId, int attempt, String workerId, long startedAtMicros,
                         long finishedAtMicros, EvalResult result, String signature) {
        this(leaseId, candidateId, attempt, workerId, startedAtMicros, finishedAtMicros, result, null, signature);
    }

    /** Wall clock in epoch microseconds, the unit of the timing fields. */
    public static long epochMicrosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** An unsigned answer ({@link #signedWith} before offering it). */
    public static ResultMessage of(TaskMessage task, String workerId, long startedAtMicros,
                                   long finishedAtMicros, EvalResult result) {
        return new ResultMessage(task.leaseId(), task.candidateId(), task.attempt(), workerId,
                startedAtMicros, finishedAtMicros, result, null, "");
    }

    /** The same answer, naming the checkpoint its rung wrote. */
    public ResultMessage withCheckpoint(CheckpointDigest digest) {
        return new ResultMessage(leaseId, candidateId, attempt, workerId, startedAtMicros, finishedAtMicros, result,
                digest, "");
    }

    /** The worker id of the slot that answered ({@code host:41} of {@code host:41/gpu0}). */
    public String worker() {
        return workerId == null || !workerId.contains("/") ? workerId : workerId.substring(0, workerId.lastIndexOf('/'));
    }

    /** What the signature covers: every field of the message and of its result, the lease and candidate first. */
    public String canonical() {
        Canonical c = Canonical.of(TYPE).add("leaseId", leaseId).add("candidateId", candidateId)
                .add("attempt", attempt).add("workerId", workerId).add("startedAtMicros", startedAtMicros)
                .add("finishedAtMicros", finishedAtMicros)
                .add("checkpoint", checkpoint == null ? null : checkpoint.canonical());
        EvalResult r = result;
        if (r == null) {
            return c.add("result", null).text();
        }
        c.add("r.candidateId", r.candidateId()).add("r.specKey", r.specKey()).add("r.top1", r.top1())
                .add("r.top5", r.top5()).add("r.loss", r.loss()).add("r.params", r.params()).add("r.macs", r.macs())
                .add("r.latencyMs", r.latencyMs()).add("r.trainImagesPerSecond", r.trainImagesPerSecond())
                .add("r.wallSeconds", r.wallSeconds()).add("r.workerId", r.workerId()).add("r.failure", r.failure());
        Provenance p = r.provenance();
        if (p == null) {
            return c.add("p", null).text();
        }
        return c.add("p.evaluator", p.evaluator()).add("p.seed", p.seed()).add("p.training", p.training())
                .add("p.dataset", p.dataset()).add("p.dataChecksum", p.dataChecksum())
                .add("p.codeVersion", p.codeVersion()).add("p.device", p.device()).add("p.backend", p.backend())
                .add("p.latency", p.latency()).text();
    }

    public ResultMessage signedWith(ClusterSecret secret) {
        return new ResultMessage(leaseId, candidateId, attempt, workerId, startedAtMicros, finishedAtMicros, result,
                checkpoint, secret.sign(canonical()));
    }

    public boolean verifiedBy(ClusterSecret secret) {
        return secret.verifies(canonical(), signature);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<ResultMessage> {
        public Serializer() {
            super(TYPE, ResultMessage.class);
        }

        @Override
        public ResultMessage read(CompactReader in) {
            return new ResultMessage(in.readString("leaseId"), in.readString("candidateId"),
                    in.readInt32("attempt"), in.readString("workerId"), in.readInt64("startedAtMicros"),
                    in.readInt64("finishedAtMicros"), in.readCompact("result"),
                    in.getFieldKind("checkpoint") == FieldKind.COMPACT ? in.readCompact("checkpoint") : null,
                    in.readString("signature"));
        }

        @Override
        public void write(CompactWriter out, ResultMessage m) {
            out.writeString("leaseId", m.leaseId());
            out.writeString("candidateId", m.candidateId());
            out.writeInt32("attempt", m.attempt());
            out.writeString("workerId", m.workerId());
            out.writeInt64("startedAtMicros", m.startedAtMicros());
            out.writeInt64("finishedAtMicros", m.finishedAtMicros());
            out.writeCompact("result", m.result());
            out.writeCompact("checkpoint", m.checkpoint());
            out.writeString("signature", m.signature());
        }
    }
}
