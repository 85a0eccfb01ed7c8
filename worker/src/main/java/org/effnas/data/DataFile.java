package org.effnas.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One data file as read from disk: its SHA-256 over the bytes on disk (for provenance) and its
 * content, gunzipped when the file starts with the gzip magic bytes (so {@code x.gz} and a raw
 * copy of it read the same, whatever their names).
 *
 * @param path    the file
 * @param content the decoded bytes
 * @param sha256  lower-case hex SHA-256 of the file as stored (compressed or not)
 */
public record DataFile(Path path, byte[] content, String sha256) {

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    /** Reads and, if gzip-compressed, decompresses a file. */
    public static DataFile read(Path path) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DataFileException(path, "file not found", "check the path or pass --data DIR holding it", e);
        } catch (IOException e) {
            throw new DataFileException(path, "cannot read (" + e.getMessage() + ")",
                    "check the file's permissions and that it is a regular file", e);
        }
        String sha = Sha256.hex(stored);
        if (!isGzip(stored)) {
            return new DataFile(path, stored, sha);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 1 << 16)) {
            return new DataFile(path, in.readAllBytes(), sha);
        } catch (EOFException e) {
            throw new DataFileException(path, "truncated gzip data (the file ends before its compressed stream does)",
                    "the copy is incomplete: copy or download it again", e);
        } catch (ZipException e) {
            throw new DataFileException(path, "corrupt gzip data (" + e.getMessage() + ")",
                    "the copy is damaged: copy or download it again", e);
        } catch (IOException e) {
            throw new DataFileException(path, "cannot decompress (" + e.getMessage() + ")",
                    "copy or download the file again", e);
        }
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_0 && (bytes[1] & 0xff) == GZIP_MAGIC_1;
    }
}
