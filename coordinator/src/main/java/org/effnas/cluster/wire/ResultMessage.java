package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.time.Instant;
import org.effnas.eval.EvalResult;

/**
 * A worker's answer to one {@link TaskMessage}: the evaluation result (possibly a failed one) and
 * when the worker started and finished it. The coordinator accepts it only while the lease is open.
 *
 * @param startedAtMicros  worker wall clock (epoch microseconds) just before evaluation began
 * @param finishedAtMicros worker wall clock when evaluation ended
 */
public record ResultMessage(String leaseId, String candidateId, int attempt, String workerId,
                            long startedAtMicros, long finishedAtMicros, EvalResult result) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.Result";

    /** Wall clock in epoch microseconds, the unit of the timing fields. */
    public static long epochMicrosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static ResultMessage of(TaskMessage task, String workerId, long startedAtMicros,
                                   long finishedAtMicros, EvalResult result) {
        return new ResultMessage(task.leaseId(), task.candidateId(), task.attempt(), workerId,
                startedAtMicros, finishedAtMicros, result);
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
                    in.readInt64("finishedAtMicros"), in.readCompact("result"));
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
        }
    }
}
