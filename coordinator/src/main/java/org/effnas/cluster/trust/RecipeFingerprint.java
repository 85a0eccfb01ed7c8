package org.effnas.cluster.trust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that determines a result, as sorted {@code key -> value} pairs: the training recipe,
 * the dataset and its checksum, the split, the seed policy, the space, the evaluator kind and
 * version. The coordinator publishes its fingerprint; a worker whose own differs is refused at join
 * with the differing keys named, and every heartbeat carries the {@link #digest}.
 */
public record RecipeFingerprint(SortedMap<String, String> entries) {

    public RecipeFingerprint {
        entries = new TreeMap<>(Objects.requireNonNull(entries, "entries"));
    }

    public static RecipeFingerprint of(Map<String, String> entries) {
        return new RecipeFingerprint(new TreeMap<>(entries));
    }

    /** Just the evaluator kind and version (synthetic workers, benchmarks). */
    public static RecipeFingerprint ofKind(String evaluatorKind, String version) {
        return of(Map.of("evaluator.kind", evaluatorKind, "evaluator.version", version));
    }

    /** SHA-256 hex over the canonical text of every entry. */
    public String digest() {
        Canonical c = Canonical.of("fingerprint");
        entries.forEach(c::add);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(c.text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys whose values differ, or that only one side has, sorted. */
    public List<String> differences(RecipeFingerprint other) {
        TreeSet<String> keys = new TreeSet<>(entries.keySet());
        keys.addAll(other.entries.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(entries.get(k), other.entries.get(k))) {
                out.add(k);
            }
        }
        return out;
    }

    /** {@code key=value} lines, for the wire. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        entries.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** Reads {@link #lines} back; lines without '=' are ignored. */
    public static RecipeFingerprint fromLines(List<String> lines) {
        TreeMap<String, String> m = new TreeMap<>();
        for (String l : lines == null ? List.<String>of() : lines) {
            if (l != null && l.contains("=")) {
                m.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        return new RecipeFingerprint(m);
    }

    /** The value of a key, or null. */
    public String get(String key) {
        return entries.get(key);
    }
}
