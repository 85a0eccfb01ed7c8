package org.effnas.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.ByteBuffer;
import org.effnas.InvalidInputException;

/**
 * Reading a user's input file with bounds: it must be a regular file (a device such as
 * {@code /dev/zero} would never end, a FIFO without a writer would block forever, so their type is
 * checked before they are opened), and at most a given number of bytes long (checked before reading,
 * and again while reading, in case the file grows). Every refusal is an {@link InvalidInputException}
 * naming the file.
 */
public final class InputFiles {

    /** The largest spec, config or search-space file read: 1 MiB (the shipped ones are under 4 KiB). */
    public static final long MAX_TEXT_BYTES = 1L << 20;

    private InputFiles() {
    }

    /**
     * Checks that {@code file} is an existing regular file of at most {@code maxBytes} bytes and
     * returns its size.
     *
     * @param what names the kind of file in messages, e.g. "spec file"
     */
    public static long checkRegular(Path file, long maxBytes, String what) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (no such file); check the path");
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (" + describe(e)
                    + "); check the path and its permissions", e);
        }
        if (attrs.isDirectory()) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (a directory); give a file");
        }
        if (!attrs.isRegularFile()) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (not a regular file but a "
                    + "device, FIFO or socket); give a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (" + attrs.size() + " bytes, more than the "
                    + maxBytes + " read at most); check that this is the right file");
        }
        return attrs.size();
    }

    /** The bytes of a regular file of at most {@code maxBytes} bytes. */
    public static byte[] readBytes(Path file, long maxBytes, String what) {
        checkRegular(file, maxBytes, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 64, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new InvalidInputException(what + " " + file + ": grew past the " + maxBytes
                        + " bytes read at most while it was read; check that this is the right file");
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new InvalidInputException(what + " " + file + ": cannot be read (" + describe(e)
                    + "); check the path and its permissions", e);
        }
    }

    /** The UTF-8 text of a regular file of at most {@link #MAX_TEXT_BYTES} bytes. */
    public static String readText(Path file, String what) {
        byte[] bytes = readBytes(file, MAX_TEXT_BYTES, what);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(what + " " + file + ": cannot be read (not UTF-8 text); check that this is the right file");
        }
    }

    private static String describe(Exception ex) {
        if (ex instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = ex.getMessage();
        if (m == null) {
            return ex.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
