package org.effnas.cluster.checkpoint;

import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.effnas.cluster.trust.Bounded;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.wire.CheckpointChunk;
import org.effnas.cluster.wire.CheckpointDigest;

/**
 * Moves a checkpoint's packed form through a cluster map as signed {@link CheckpointChunk}s of
 * {@value CheckpointChunk#CHUNK_BYTES} bytes, one chunk in memory at a time on either side. The
 * receiving side believes nothing it has not checked: every chunk's signature, route, owner,
 * checkpoint, index, count and size, and the SHA-256 of the whole against the digest its sender signed.
 */
public final class CheckpointCourier {

    private CheckpointCourier() {
    }

    /**
     * Sends checkpoint {@code id} of {@code files} into {@code map} under {@code scope/0 .. scope/n-1}.
     *
     * @param route {@link CheckpointChunk#UPLOAD} or {@link CheckpointChunk#PUBLISHED}
     * @param owner the lease (uploads) or the coordinator's incarnation (published)
     * @return what was sent: size, chunks, SHA-256
     */
    public static CheckpointDigest send(CheckpointFiles files, String id, IMap<String, CheckpointChunk> map,
                                        String route, String owner, String scope, ClusterSecret secret)
            throws IOException {
        long total = files.size(id);
        if (total > CheckpointChunk.MAX_BYTES) {
            throw new CheckpointRejectedException("checkpoint " + id + " has " + total + " bytes, over the "
                    + CheckpointChunk.MAX_BYTES + " that may travel");
        }
        int count = CheckpointChunk.chunksFor(total);
        MessageDigest whole = sha256();
        try (InputStream in = files.open(id)) {
            for (int i = 0; i < count; i++) {
                int size = CheckpointChunk.expectedSize(total, i);
                byte[] data = in.readNBytes(size);
                if (data.length != size) {
                    throw new IOException("checkpoint " + id + " changed while it was being sent");
                }
                whole.update(data);
                map.set(CheckpointChunk.key(scope, i),
                        new CheckpointChunk(route, owner, id, i, count, total, data, "").signedWith(secret));
            }
        }
        return new CheckpointDigest(id, total, count, HexFormat.of().formatHex(whole.digest()));
    }

    /**
     * The packed form of a checkpoint in {@code map}, checked chunk by chunk as it is read; a check
     * that fails throws {@link CheckpointRejectedException} from {@code read}, the end included (the
     * whole's SHA-256 against {@code expected}), so {@link CheckpointFiles#receive} keeps nothing.
     *
     * @param expected the digest the sender signed (uploads), or null (published chunks: the count and
     *                 size come from the first chunk, whose signature covers them)
     */
    public static InputStream receive(IMap<String, CheckpointChunk> map, String route, String owner, String scope,
                                      String id, CheckpointDigest expected, ClusterSecret secret) {
        return new VerifiedChunks(map, route, owner, scope, id, expected, secret);
    }

    /** Size and SHA-256 of a checkpoint on this disk (a shared disk: nothing travels). */
    public static CheckpointDigest digestOf(CheckpointFiles files, String id) throws IOException {
        MessageDigest whole = sha256();
        long total = 0;
        try (InputStream in = files.open(id)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                whole.update(buf, 0, n);
                total += n;
            }
        }
        return new CheckpointDigest(id, total, 0, HexFormat.of().formatHex(whole.digest()));
    }

    /** Removes {@code scope/0 .. scope/count-1}. */
    public static void drop(IMap<String, CheckpointChunk> map, String scope, int count) {
        for (int i = 0; i < count; i++) {
            map.delete(CheckpointChunk.key(scope, i));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads chunk after chunk from the map, each verified before a byte of it is handed out. */
    private static final class VerifiedChunks extends InputStream {
        private final IMap<String, CheckpointChunk> map;
        private final String route;
        private final String owner;
        private final String scope;
        private final String id;
        private final CheckpointDigest expected;
        private final ClusterSecret secret;
        private final MessageDigest whole = sha256();
        private int count = -1;
        private long total = -1;
        private int next;
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean ended;

        VerifiedChunks(IMap<String, CheckpointChunk> map, String route, String owner, String scope, String id,
                       CheckpointDigest expected, ClusterSecret secret) {
            this.map = map;
            this.route = route;
            this.owner = owner;
            this.scope = scope;
            this.id = id;
            this.expected = expected;
            this.secret = secret;
            if (expected != null) {
                if (!id.equals(expected.id())) {
                    throw reject("the result names checkpoint " + Bounded.quote(expected.id()));
                }
                if (expected.bytes() < 0 || expected.bytes() > CheckpointChunk.MAX_BYTES
                        || expected.chunks() != CheckpointChunk.chunksFor(expected.bytes())) {
                    throw reject("the result claims " + expected.bytes() + " bytes in " + expected.chunks()
                            + " chunks (at most " + CheckpointChunk.MAX_BYTES + " bytes, "
                            + CheckpointChunk.CHUNK_BYTES + " per chunk)");
                }
                count = expected.chunks();
                total = expected.bytes();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (pos == chunk.length) {
                if (!nextChunk()) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean nextChunk() {
            if (count >= 0 && next == count) {
                if (!ended) {
                    ended = true;
                    String sha = HexFormat.of().formatHex(whole.digest());
                    if (expected != null && !sha.equals(expected.sha256())) {
                        throw reject("its SHA-256 is " + sha + ", its sender signed " + Bounded.quote(expected.sha256()));
                    }
                }
                return false;
            }
            CheckpointChunk c;
            try {
                c = map.get(CheckpointChunk.key(scope, next));
            } catch (RuntimeException unreadable) {
                throw reject("chunk " + next + " is unreadable (" + Bounded.quote(unreadable.getMessage()) + ")");
            }
            String where = "chunk " + next + (count >= 0 ? " of " + count : "");
            if (c == null) {
                throw reject(where + " is missing");
            }
            if (!c.verifiedBy(secret)) {
                throw reject(where + " does not verify (not signed with the experiment's key, or altered)");
            }
            if (!route.equals(c.route()) || !owner.equals(c.owner()) || !id.equals(c.checkpointId())
                    || c.index() != next) {
                throw reject(where + " belongs elsewhere (" + Bounded.quote(c.route() + " " + c.owner() + " "
                        + c.checkpointId() + " #" + c.index()) + ")");
            }
            if (count < 0) {
                if (c.totalBytes() < 0 || c.totalBytes() > CheckpointChunk.MAX_BYTES
                        || c.count() != CheckpointChunk.chunksFor(c.totalBytes())) {
                    throw reject(where + " claims " + c.totalBytes() + " bytes in " + c.count() + " chunks");
                }
                count = c.count();
                total = c.totalBytes();
            }
            if (c.count() != count || c.totalBytes() != total
                    || c.data().length != CheckpointChunk.expectedSize(total, next)) {
                throw reject(where + " has " + c.data().length + " bytes of " + c.count() + " chunks / "
                        + c.totalBytes() + " bytes, expected " + CheckpointChunk.expectedSize(total, next)
                        + " of " + count + " / " + total);
            }
            whole.update(c.data());
            chunk = c.data();
            pos = 0;
            next++;
            return true;
        }

        private CheckpointRejectedException reject(String why) {
            return new CheckpointRejectedException("checkpoint " + Bounded.quote(id) + " rejected: " + why);
        }
    }
}
