package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.effnas.eval.EvalResult;

/**
 * Compact form of search-core's {@link EvalResult}. The record does not validate its values, so
 * the coordinator checks every result it reads ({@code ResultCheck}) before accepting it.
 */
public final class EvalResultSerializer extends WireSerializer<EvalResult> {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.EvalResult";

    public EvalResultSerializer() {
        super(TYPE, EvalResult.class);
    }

    @Override
    public EvalResult read(CompactReader in) {
        return new EvalResult(in.readString("candidateId"), in.readString("specKey"), in.readFloat64("top1"),
                in.readFloat64("top5"), in.readFloat64("loss"), in.readInt64("params"), in.readInt64("macs"),
                in.readFloat64("latencyMs"), in.readFloat64("trainImagesPerSecond"),
                in.readFloat64("wallSeconds"), in.readString("workerId"), in.readString("failure"),
                in.readCompact("provenance"));
    }

    @Override
    public void write(CompactWriter out, EvalResult r) {
        out.writeString("candidateId", r.candidateId());
        out.writeString("specKey", r.specKey());
        out.writeFloat64("top1", r.top1());
        out.writeFloat64("top5", r.top5());
        out.writeFloat64("loss", r.loss());
        out.writeInt64("params", r.params());
        out.writeInt64("macs", r.macs());
        out.writeFloat64("latencyMs", r.latencyMs());
        out.writeFloat64("trainImagesPerSecond", r.trainImagesPerSecond());
        out.writeFloat64("wallSeconds", r.wallSeconds());
        out.writeString("workerId", r.workerId());
        out.writeString("failure", r.failure());
        out.writeCompact("provenance", r.provenance());
    }
}
