package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.effnas.eval.Candidate;
import org.effnas.eval.TrainingSettings;

/**
 * One attempt at evaluating a candidate, as the coordinator hands it to a worker through the task
 * queue. The architecture travels as its canonical text; the worker parses it back.
 *
 * @param leaseId     unique per attempt; a result is accepted only while this lease is open
 * @param candidateId the candidate's id in the experiment
 * @param attempt     1 for the first attempt, 2 for the first retry, ...
 * @param specText    the spec's canonical line ({@link SpecText})
 * @param training    the training recipe
 * @param seed        the candidate's seed
 */
public record TaskMessage(String leaseId, String candidateId, int attempt, String specText,
                          TrainingSettings training, long seed) {

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
    }

    public static TaskMessage of(String leaseId, Candidate candidate, int attempt) {
        return new TaskMessage(leaseId, candidate.id(), attempt, SpecText.format(candidate.spec()),
                candidate.training(), candidate.seed());
    }

    /** The candidate this task evaluates (parses the spec text; bad text is an InvalidInputException). */
    public Candidate candidate() {
        return Candidate.of(candidateId, SpecText.parse(specText), training, seed);
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<TaskMessage> {
        public Serializer() {
            super(TYPE, TaskMessage.class);
        }

        @Override
        public TaskMessage read(CompactReader in) {
            return new TaskMessage(in.readString("leaseId"), in.readString("candidateId"),
                    in.readInt32("attempt"), in.readString("specText"), in.readCompact("training"),
                    in.readInt64("seed"));
        }

        @Override
        public void write(CompactWriter out, TaskMessage t) {
            out.writeString("leaseId", t.leaseId());
            out.writeString("candidateId", t.candidateId());
            out.writeInt32("attempt", t.attempt());
            out.writeString("specText", t.specText());
            out.writeCompact("training", t.training());
            out.writeInt64("seed", t.seed());
        }
    }
}
