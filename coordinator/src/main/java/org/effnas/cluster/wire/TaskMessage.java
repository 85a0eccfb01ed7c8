package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.effnas.cluster.trust.Canonical;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Fidelity;
import org.effnas.eval.TrainingSettings;

/**
 * One attempt at evaluating a candidate, as the coordinator hands it to a worker through the task
 * queue. The architecture travels as its canonical text; the worker parses it back. Signed by the
 * coordinator, so a worker evaluates only tasks of its experiment.
 *
 * @param leaseId     unique and unguessable per attempt; a result is accepted only while this lease is open
 * @param candidateId the candidate's id in the experiment
 * @param attempt     1 for the first attempt, 2 for the first retry, ...
 * @param specText    the spec's canonical line ({@link SpecText})
 * @param training    the training recipe
 * @param seed        the candidate's seed
 * @param fidelity    the rung of a multi-fidelity schedule, or null; on the wire a nullable string
 *                    field {@code fidelity} holding its JSON form (data, parsed and validated like a
 *                    journal's), absent in messages of senders that predate it
 * @param signature   HMAC-SHA-256 of {@link #canonical} with the experiment's secret ("" unsigned)
 */
public record TaskMessage(String leaseId, String candidateId, int attempt, String specText,
                          TrainingSettings training, long seed, Fidelity fidelity, String signature) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.Task";

    public TaskMessage {
        if (leaseId == null || leaseId.isBlank() || candidateId == null || candidateId.isBlank()) {
            throw new IllegalArgumentException("task: lease id and candidate id are required");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("task " + candidateId + ": attempt must be >= 1, got " + attempt);
        }
        if (specText == null || training == null) {
            throw new IllegalArgumentException("task " + candidateId + ": spec text and training are required");
        }
        signature = signature == null ? "" : signature;
    }

    /** An unsigned task without a rung. */
    public TaskMessage(String leaseId, String candidateId, int attempt, String specText,
                       TrainingSettings training, long seed) {
        this(leaseId, candidateId, attempt, specText, training, seed, (Fidelity) null, "");
    }

    /** An unsigned task ({@link #signedWith} before offering it). */
    public TaskMessage(String leaseId, String candidateId, int attempt, String specText,
                       TrainingSettings training, long seed, Fidelity fidelity) {
        this(leaseId, candidateId, attempt, specText, training, seed, fidelity, "");
    }

    /** An unsigned task ({@link #signedWith} before offering it). */
    public static TaskMessage of(String leaseId, Candidate candidate, int attempt) {
        return new TaskMessage(leaseId, candidate.id(), attempt, SpecText.format(candidate.spec()),
                candidate.training(), candidate.seed(), candidate.fidelity(), "");
    }

    /** The candidate this task evaluates (parses the spec text; bad text is an InvalidInputException). */
    public Candidate candidate() {
        return Candidate.of(candidateId, SpecText.parse(specText), training, seed, fidelity);
    }

    /** What the signature covers: every field but the signature. */
    public String canonical() {
        return Canonical.of(TYPE).add("leaseId", leaseId).add("candidateId", candidateId).add("attempt", attempt)
                .add("specText", specText).add("training", training).add("seed", seed)
                .add("fidelity", fidelity == null ? null : EvalJson.fidelity(fidelity).toString()).text();
    }

    public TaskMessage signedWith(ClusterSecret secret) {
        return new TaskMessage(leaseId, candidateId, attempt, specText, training, seed, fidelity,
                secret.sign(canonical()));
    }

    public boolean verifiedBy(ClusterSecret secret) {
        return secret.verifies(canonical(), signature);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<TaskMessage> {
        public Serializer() {
            super(TYPE, TaskMessage.class);
        }

        @Override
        public TaskMessage read(CompactReader in) {
            String fidelityJson = in.getFieldKind("fidelity") == FieldKind.STRING ? in.readString("fidelity") : null;
            String signature = in.getFieldKind("signature") == FieldKind.STRING ? in.readString("signature") : "";
            return new TaskMessage(in.readString("leaseId"), in.readString("candidateId"),
                    in.readInt32("attempt"), in.readString("specText"), in.readCompact("training"),
                    in.readInt64("seed"), fidelityJson == null ? null : fidelity(fidelityJson), signature);
        }

        @Override
        public void write(CompactWriter out, TaskMessage t) {
            out.writeString("leaseId", t.leaseId());
            out.writeString("candidateId", t.candidateId());
            out.writeInt32("attempt", t.attempt());
            out.writeString("specText", t.specText());
            out.writeCompact("training", t.training());
            out.writeInt64("seed", t.seed());
            out.writeString("fidelity", t.fidelity() == null ? null : EvalJson.fidelity(t.fidelity()).toString());
            out.writeString("signature", t.signature());
        }

        private static Fidelity fidelity(String json) {
            try {
                return EvalJson.fidelity(EvalJson.MAPPER.readTree(json), "task");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new org.effnas.InvalidInputException("task: field 'fidelity' is not JSON: " + e.getOriginalMessage());
            }
        }
    }
}
