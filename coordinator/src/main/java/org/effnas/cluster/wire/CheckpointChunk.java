package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.effnas.cluster.trust.Canonical;
import org.effnas.cluster.trust.ClusterSecret;

/**
 * One piece of a checkpoint's packed form, the value of a cluster map entry: raw bytes in a Compact
 * record (never Java-serialized). Signed with the experiment's secret over everything that places it
 * (route, owner, checkpoint, index, count, total size) and the SHA-256 of its bytes, so a chunk
 * altered, moved to another index or checkpoint, or replayed from another lease does not verify.
 *
 * @param route        {@link #UPLOAD} (worker to coordinator, owned by a lease) or {@link #PUBLISHED}
 *                     (coordinator to workers)
 * @param owner        the lease of an upload; {@link #COORDINATOR} for a published chunk
 * @param checkpointId the checkpoint it belongs to
 * @param index        0-based position
 * @param count        chunks in the checkpoint
 * @param totalBytes   size of the whole packed form
 * @param data         the bytes, {@link #CHUNK_BYTES} except in the last chunk
 * @param signature    HMAC-SHA-256 of {@link #canonical}
 */
public record CheckpointChunk(String route, String owner, String checkpointId, int index, int count, long totalBytes,
                              byte[] data, String signature) {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.CheckpointChunk";
    public static final String UPLOAD = "upload";
    public static final String PUBLISHED = "published";
    /** The owner of every published chunk. */
    public static final String COORDINATOR = "coordinator";
    /** Bytes per chunk (the last one holds the rest). */
    public static final int CHUNK_BYTES = 1 << 20;
    /** The largest checkpoint that may travel: 1 GiB (EfficientNet-B7's weights and Adam moments are ~0.8 GB). */
    public static final long MAX_BYTES = 1L << 30;

    public CheckpointChunk {
        data = data == null ? new byte[0] : data;
        signature = signature == null ? "" : signature;
    }

    /** The map key of an upload chunk ({@code lease/index}) or of a published one ({@code checkpoint/index}). */
    public static String key(String scope, int index) {
        return scope + "/" + index;
    }

    /** Chunks a packed form of {@code bytes} bytes is cut into (at least 1). */
    public static int chunksFor(long bytes) {
        return (int) Math.max(1, (bytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    /** The size chunk {@code index} of a {@code totalBytes} checkpoint must have. */
    public static int expectedSize(long totalBytes, int index) {
        return (int) Math.min(CHUNK_BYTES, totalBytes - (long) index * CHUNK_BYTES);
    }

    public String canonical() {
        return Canonical.of(TYPE).add("route", route).add("owner", owner).add("checkpointId", checkpointId)
                .add("index", index).add("count", count).add("totalBytes", totalBytes)
                .add("dataBytes", data.length).add("dataSha256", sha256(data)).text();
    }

    public CheckpointChunk signedWith(ClusterSecret secret) {
        return new CheckpointChunk(route, owner, checkpointId, index, count, totalBytes, data, secret.sign(canonical()));
    }

    public boolean verifiedBy(ClusterSecret secret) {
        return secret.verifies(canonical(), signature);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Explicit Compact serializer: the field names below are the schema. */
    public static final class Serializer extends WireSerializer<CheckpointChunk> {
        public Serializer() {
            super(TYPE, CheckpointChunk.class);
        }

        @Override
        public CheckpointChunk read(CompactReader in) {
            return new CheckpointChunk(in.readString("route"), in.readString("owner"), in.readString("checkpointId"),
                    in.readInt32("index"), in.readInt32("count"), in.readInt64("totalBytes"),
                    in.readArrayOfInt8("data"), in.readString("signature"));
        }

        @Override
        public void write(CompactWriter out, CheckpointChunk c) {
            out.writeString("route", c.route());
            out.writeString("owner", c.owner());
            out.writeString("checkpointId", c.checkpointId());
            out.writeInt32("index", c.index());
            out.writeInt32("count", c.count());
            out.writeInt64("totalBytes", c.totalBytes());
            out.writeArrayOfInt8("data", c.data());
            out.writeString("signature", c.signature());
        }
    }
}
