package org.effnas.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.effnas.InvalidInputException;
import org.effnas.input.InputFiles;

/**
 * One data file as read from disk: its SHA-256 over the bytes on disk (for provenance) and its
 * content, gunzipped when the file starts with the gzip magic bytes (so {@code x.gz} and a raw
 * copy of it read the same, whatever their names).
 *
 * <p>Reading is bounded: the file must be a regular file (never a device or FIFO) of at most
 * {@link #MAX_STORED_BYTES}, and its content is decoded up to a limit the caller gives (at most
 * {@link #MAX_CONTENT_BYTES}), so a gzip bomb is refused after reading just past the limit.
 *
 * @param path    the file
 * @param content the decoded bytes
 * @param sha256  lower-case hex SHA-256 of the file as stored (compressed or not)
 */
public record DataFile(Path path, byte[] content, String sha256) {

    /** Largest data file read from disk: 1 GiB (CIFAR-10's largest batch is 30 MB). */
    public static final long MAX_STORED_BYTES = 1L << 30;
    /** Largest decoded content of one data file: 1 GiB (what one Java array holds, with room to spare). */
    public static final long MAX_CONTENT_BYTES = 1L << 30;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    /** Reads and, if gzip-compressed, decompresses a file of at most {@link #MAX_CONTENT_BYTES}. */
    public static DataFile read(Path path) {
        return read(path, MAX_CONTENT_BYTES);
    }

    /**
     * Reads and, if gzip-compressed, decompresses a file whose content may be at most
     * {@code maxContent} bytes.
     *
     * @throws DataFileException when the content is longer, naming the file and the limit
     */
    public static DataFile read(Path path, long maxContent) {
        long limit = Math.min(maxContent, MAX_CONTENT_BYTES);
        check(path);
        MessageDigest sha = newDigest();
        byte[] content;
        // the digest sits below the buffer, so peeking at the gzip magic does not count bytes twice
        try (InputStream raw = new BufferedInputStream(new DigestInputStream(Files.newInputStream(path), sha), 1 << 16);
             InputStream in = decoded(raw)) {
            content = in.readNBytes((int) limit + 1);
            if (content.length > limit) {
                throw new DataFileException(path, "holds more than " + limit + " bytes of data"
                        + (limit == MAX_CONTENT_BYTES ? "" : " (what its format and header allow)"),
                        "check that this is the right file, not damaged or a decompression bomb");
            }
            raw.transferTo(OutputSink.INSTANCE); // the checksum covers the whole stored file
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        return new DataFile(path, content, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * The first {@code n} decoded bytes of a file (fewer when it is shorter), to read a header before
     * deciding how much of the file to read.
     */
    public static byte[] head(Path path, int n) {
        check(path);
        try (InputStream in = decoded(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static void check(Path path) {
        try {
            InputFiles.checkRegular(path, MAX_STORED_BYTES, "data file");
        } catch (InvalidInputException e) {
            if (!Files.exists(path)) {
                throw new DataFileException(path, "file not found", "check the path or pass --data DIR holding it", e);
            }
            throw new DataFileException(path, e.getMessage().substring(e.getMessage().indexOf(": ") + 2),
                    "check that it is the dataset's own file", e);
        }
    }

    /** The stream itself, or its gunzipped content when it starts with the gzip magic bytes. */
    private static InputStream decoded(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1 ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static DataFileException unreadable(Path path, IOException e) {
        if (e instanceof EOFException) {
            return new DataFileException(path, "truncated gzip data (the file ends before its compressed stream does)",
                    "the copy is incomplete: copy or download it again", e);
        }
        if (e instanceof ZipException) {
            return new DataFileException(path, "corrupt gzip data (" + e.getMessage() + ")",
                    "the copy is damaged: copy or download it again", e);
        }
        return new DataFileException(path, "cannot read (" + e.getMessage() + ")",
                "check the file's permissions and that it is a regular file", e);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_0 && (bytes[1] & 0xff) == GZIP_MAGIC_1;
    }

    /** Discards what is written to it (the rest of a stored file, read only for its checksum). */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
