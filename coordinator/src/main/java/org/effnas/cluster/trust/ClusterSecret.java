package org.effnas.cluster.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.effnas.InvalidInputException;

/**
 * The per-experiment key every cluster message is signed with (HMAC-SHA-256). Only processes that
 * were given the key (the coordinator, workers started with {@code --secret-file} or
 * {@value ClusterCredentials#ENV}) can produce a message the other side accepts. It protects
 * integrity and authenticity, not confidentiality: traffic is still plain text.
 */
public final class ClusterSecret {

    /** Key length in bytes (256 bits). */
    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        if (key.length != BYTES) {
            throw new InvalidInputException("cluster secret: expected a " + BYTES + "-byte key, got " + key.length
                    + " bytes");
        }
        this.key = key.clone();
    }

    /** A fresh random key. */
    public static ClusterSecret generate() {
        byte[] k = new byte[BYTES];
        RANDOM.nextBytes(k);
        return new ClusterSecret(k);
    }

    /** Parses the base64 text form ({@link #text}). */
    public static ClusterSecret parse(String text, String where) {
        try {
            return new ClusterSecret(Base64.getDecoder().decode(text == null ? "" : text.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": the cluster secret is not a base64 " + BYTES
                    + "-byte key; use the file the coordinator wrote (cluster.secret)");
        }
    }

    /** Base64 of the key, as stored in the secret file. */
    public String text() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Hex HMAC-SHA-256 of the canonical content. */
    public String sign(String canonical) {
        return HexFormat.of().formatHex(mac(canonical));
    }

    /** Whether {@code signature} is this key's signature of {@code canonical} (constant-time). */
    public boolean verifies(String canonical, String signature) {
        if (signature == null || signature.length() != 2 * BYTES) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(canonical), given);
    }

    private byte[] mac(String canonical) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(new SecretKeySpec(key, ALGORITHM));
            return m.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
