package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.effnas.eval.Provenance;

/**
 * Compact form of search-core's {@link Provenance}. A worker always computes its result, so the
 * provenance read here is never marked as served from a cache.
 */
public final class ProvenanceSerializer extends WireSerializer<Provenance> {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.Provenance";

    public ProvenanceSerializer() {
        super(TYPE, Provenance.class);
    }

    @Override
    public Provenance read(CompactReader in) {
        return new Provenance(in.readString("evaluator"), in.readInt64("seed"), in.readCompact("training"),
                in.readString("dataset"), in.readString("dataChecksum"), in.readString("codeVersion"),
                in.readString("device"), in.readString("backend"), in.readString("latency"), false);
    }

    @Override
    public void write(CompactWriter out, Provenance p) {
        out.writeString("evaluator", p.evaluator());
        out.writeInt64("seed", p.seed());
        out.writeCompact("training", p.training());
        out.writeString("dataset", p.dataset());
        out.writeString("dataChecksum", p.dataChecksum());
        out.writeString("codeVersion", p.codeVersion());
        out.writeString("device", p.device());
        out.writeString("backend", p.backend());
        out.writeString("latency", p.latency());
    }
}
