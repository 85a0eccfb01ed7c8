package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.effnas.cluster.trust.Canonical;

/**
 * What a worker says about the checkpoint its rung wrote, inside its signed {@link ResultMessage}:
 * which checkpoint, how many bytes in how many chunks, and the SHA-256 of the whole packed form. The
 * coordinator believes the rung's result only once the checkpoint it stored (or finds on its shared
 * disk) has exactly this checksum.
 *
 * @param id     the checkpoint id (the rung's {@code checkpoint}, e.g. {@code search.c000042@r1})
 * @param bytes  size of the packed form
 * @param chunks chunks it was sent in (0 when it did not travel: a shared disk)
 * @param sha256 lower-case hex SHA-256 of the packed form
 */
public record CheckpointDigest(String id, long bytes, int chunks, String sha256) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.CheckpointDigest";

    public String canonical() {
        return Canonical.of(TYPE).add("id", id).add("bytes", bytes).add("chunks", chunks).add("sha256", sha256).text();
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<CheckpointDigest> {
        public Serializer() {
            super(TYPE, CheckpointDigest.class);
        }

        @Override
        public CheckpointDigest read(CompactReader in) {
            return new CheckpointDigest(in.readString("id"), in.readInt64("bytes"), in.readInt32("chunks"),
                    in.readString("sha256"));
        }

        @Override
        public void write(CompactWriter out, CheckpointDigest d) {
            out.writeString("id", d.id());
            out.writeInt64("bytes", d.bytes());
            out.writeInt32("chunks", d.chunks());
            out.writeString("sha256", d.sha256());
        }
    }
}
