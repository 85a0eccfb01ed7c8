package org.effnas.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 in lower-case hex, for the provenance checksums of data files and splits. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh SHA-256 digest (every JVM provides one). */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The checksum of some bytes. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** One checksum standing for several, in the given order (e.g. an images file then its labels file). */
    public static String combine(List<String> checksums) {
        if (checksums.size() == 1) {
            return checksums.get(0);
        }
        return hex(String.join("\n", checksums).getBytes(StandardCharsets.US_ASCII));
    }
}
