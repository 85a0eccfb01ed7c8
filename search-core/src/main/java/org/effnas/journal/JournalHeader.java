package org.effnas.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalJson;
import org.effnas.version.CodeVersion;

/**
 * The first line of a journal: which experiment it records. The experiment id is a hash of the kind,
 * the configuration and the seed, so a journal can tell a resumed run of the same experiment from a
 * different one. Settings that may change between sessions without changing the experiment (the
 * budget, the number of workers) are not part of the configuration.
 *
 * @param format       journal format version ({@link #CURRENT_FORMAT} when written by this code)
 * @param experimentId e.g. {@code search-3f9a0c12d4e5}
 * @param kind         {@code search} or {@code grid}
 * @param seed         the experiment seed
 * @param codeVersion  the effnas version that created the journal
 * @param created      ISO-8601 creation instant
 * @param config       the identifying configuration as JSON
 */
public record JournalHeader(int format, String experimentId, String kind, long seed, String codeVersion,
                            String created, JsonNode config) {

    /**
     * The journal format this code writes and the newest it can read. Format 2 chains a checksum
     * through every line ({@link LineChecksum}); format 1 journals, without checksums, still read.
     */
    public static final int CURRENT_FORMAT = 2;
    /** The first format whose lines carry checksums. */
    public static final int CHECKSUM_FORMAT = 2;

    private static final ObjectWriter SORTED = EvalJson.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    public JournalHeader {
        if (experimentId == null || experimentId.isBlank() || kind == null || config == null) {
            throw new IllegalArgumentException("journal header needs an experiment id, a kind and a config");
        }
        config = config.deepCopy();
    }

    /** A header for a new experiment of this kind, configuration and seed, written by this code. */
    public static JournalHeader of(String kind, JsonNode config, long seed) {
        return new JournalHeader(CURRENT_FORMAT, experimentId(kind, config, seed), kind, seed,
                CodeVersion.current(), Instant.now().toString(), config);
    }

    /** The experiment id of a kind, configuration and seed (independent of JSON key order). */
    public static String experimentId(String kind, JsonNode config, long seed) {
        String text = kind + "\n" + seed + "\n" + canonicalJson(config);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return kind + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** JSON text with every object's keys sorted, so equal configurations hash equally. */
    static String canonicalJson(JsonNode n) {
        try {
            return SORTED.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a JSON tree cannot fail", e);
        }
    }

    /** Whether this journal's lines carry chained checksums. */
    public boolean checksummed() {
        return format >= CHECKSUM_FORMAT;
    }

    /** True when both headers describe the same experiment (the format and code may differ). */
    public boolean sameExperiment(JournalHeader other) {
        return experimentId.equals(other.experimentId);
    }

    /**
     * What differs between this experiment and another, for error messages: e.g.
     * {@code seed 1 vs 2, config.strategy "evolution" vs "random"}.
     */
    public String differences(JournalHeader other) {
        List<String> diffs = new ArrayList<>();
        if (!kind.equals(other.kind)) {
            diffs.add("kind " + kind + " vs " + other.kind);
        }
        if (seed != other.seed) {
            diffs.add("seed " + seed + " vs " + other.seed);
        }
        diff("config", config, other.config, diffs);
        return diffs.isEmpty() ? "experiment id " + experimentId + " vs " + other.experimentId
                : String.join(", ", diffs);
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b != null && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null) {
                    out.add(path + "." + name + " " + (x == null ? "absent" : x) + " vs " + (y == null ? "absent" : y));
                } else {
                    diff(path + "." + name, x, y, out);
                }
            }
        } else if (b == null || !canonicalJson(a).equals(canonicalJson(b))) {
            out.add(path + " " + a + " vs " + b);
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("type", "header");
        n.put("format", format);
        n.put("experiment", experimentId);
        n.put("kind", kind);
        n.put("seed", seed);
        n.put("code_version", codeVersion);
        n.put("created", created);
        n.set("config", config);
        return n;
    }

    /**
     * Reads a header line. The format is checked first, so a newer journal is refused with that
     * reason before any other field is looked at.
     */
    public static JournalHeader fromJson(JsonNode n, String where) {
        if (n == null || !n.isObject() || !"header".equals(n.path("type").asText())) {
            throw new InvalidJournalException(where + ": the first line is not a journal header; this is not an "
                    + "effnas journal (move it away or choose another --out)");
        }
        JsonNode format = n.get("format");
        if (format == null || !format.isIntegralNumber() || format.asInt() < 1) {
            throw new InvalidJournalException(where + ": header field 'format' must be a positive integer, got " + format);
        }
        if (format.asInt() > CURRENT_FORMAT) {
            throw new InvalidJournalException(where + ": written by a newer effnas (journal format " + format.asInt()
                    + ", this version reads up to " + CURRENT_FORMAT + "); upgrade effnas to resume it");
        }
        for (String field : new String[] {"experiment", "kind", "code_version", "created"}) {
            if (!n.path(field).isTextual()) {
                throw new InvalidJournalException(where + ": header field '" + field + "' is missing or not a string");
            }
        }
        if (!n.path("seed").isIntegralNumber() || !n.path("config").isObject()) {
            throw new InvalidJournalException(where + ": header fields 'seed' (integer) and 'config' (object) are required");
        }
        return new JournalHeader(format.asInt(), n.get("experiment").asText(), n.get("kind").asText(),
                n.get("seed").asLong(), n.get("code_version").asText(), n.get("created").asText(), n.get("config"));
    }
}
