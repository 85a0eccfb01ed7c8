package org.effnas.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checksum chain of a journal: every line ends in {@code "chk":"<16 hex digits>"}, the first
 * 64 bits of SHA-256 over the previous line's checksum and this line's content (the line without
 * its checksum field). Editing a line breaks its own checksum; removing or reordering lines breaks
 * the first line whose predecessor changed. The chain detects damage and hand edits; it is not a
 * signature (anyone who can write the file can recompute it).
 */
final class LineChecksum {

    /** The checksum field, always the last of a line. */
    static final String FIELD = "chk";
    /** What the header line chains from. */
    static final String START = "";

    private static final Pattern SEALED = Pattern.compile("^(\\{.*),\"" + FIELD + "\":\"([0-9a-f]{16})\"}$",
            Pattern.DOTALL);

    private LineChecksum() {
    }

    /** The checksum of {@code content} (compact JSON of one object) after {@code previous}. */
    static String of(String previous, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code content} (a compact JSON object) with its checksum appended as the last field. */
    static String seal(String content, String checksum) {
        if (!content.startsWith("{") || !content.endsWith("}") || content.equals("{}")) {
            throw new IllegalArgumentException("a journal line is a non-empty JSON object");
        }
        return content.substring(0, content.length() - 1) + ",\"" + FIELD + "\":\"" + checksum + "\"}";
    }

    /** A line split into its content and its checksum, or null when it carries no checksum field last. */
    static Sealed open(String line) {
        Matcher m = SEALED.matcher(line);
        return m.matches() ? new Sealed(m.group(1) + "}", m.group(2)) : null;
    }

    /** A line's content (without the checksum field) and the checksum it carries. */
    record Sealed(String content, String checksum) {
    }
}
