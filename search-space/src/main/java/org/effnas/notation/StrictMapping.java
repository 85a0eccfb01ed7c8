package org.effnas.notation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.effnas.InvalidInputException;
import org.effnas.input.InputFiles;

/**
 * A YAML or JSON mapping read strictly: only the allowed keys, typed values, and every problem an
 * {@link InvalidInputException} with a one-line message naming the source, the key and the fix.
 * Spec files and search-space files are both read through it.
 */
public final class StrictMapping {

    // A key given twice is refused, not silently last-wins: it is almost always a mistake.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode node;
    private final String source;
    /** Path of this mapping inside the document, e.g. {@code backbone[2].}; "" at the root. */
    private final String prefix;

    private StrictMapping(JsonNode node, String source, String prefix) {
        this.node = node;
        this.source = source;
        this.prefix = prefix;
    }

    /** Reads a file as JSON when it ends in {@code .json} or starts with '{', else as YAML. */
    public static StrictMapping read(Path file, Set<String> allowedKeys) {
        String text = InputFiles.readText(file, "file");
        return isJson(file, text) ? parseJson(text, file.toString(), allowedKeys)
                : parseYaml(text, file.toString(), allowedKeys);
    }

    /** Whether a file is JSON: by its extension, else by its first non-blank character. */
    public static boolean isJson(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        return text.stripLeading().startsWith("{");
    }

    public static StrictMapping parseYaml(String text, String source, Set<String> allowedKeys) {
        return parse(YAML, "YAML", text, source, allowedKeys);
    }

    public static StrictMapping parseJson(String text, String source, Set<String> allowedKeys) {
        return parse(JSON, "JSON", text, source, allowedKeys);
    }

    private static StrictMapping parse(ObjectMapper mapper, String format, String text, String source,
                                       Set<String> allowedKeys) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException ex) {
            JsonLocation at = ex.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String duplicate = DuplicateKeys.key(ex);
            if (duplicate != null) {
                throw new InvalidInputException(source + ": key '" + duplicate + "' is given twice" + where
                        + "; give each key once", ex);
            }
            throw new InvalidInputException(source + ": not valid " + format + where + ": "
                    + firstLine(ex.getOriginalMessage()), ex);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidInputException(source + ": is empty; expected a " + format + " mapping with keys "
                    + new TreeSet<>(allowedKeys));
        }
        return new StrictMapping(root, source, "").checkedAgainst(allowedKeys);
    }

    private StrictMapping checkedAgainst(Set<String> allowedKeys) {
        if (!node.isObject()) {
            throw new InvalidInputException(source + ": " + (prefix.isEmpty() ? "the document" : prefix.substring(0, prefix.length() - 1))
                    + " must be a mapping of keys " + new TreeSet<>(allowedKeys) + ", got " + kind(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowedKeys.contains(key)) {
                throw new InvalidInputException(source + ": unknown key '" + prefix + key
                        + "'; allowed keys are " + new TreeSet<>(allowedKeys));
            }
        }
        return this;
    }

    /** Name of the document, used as the prefix of every error message. */
    public String source() {
        return source;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(key, "must be an integer, got " + kind(v));
        }
        return v.intValue();
    }

    public double decimal(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw error(key, "must be a number, got " + kind(v));
        }
        return v.doubleValue();
    }

    /** A scalar as text (numbers and booleans too), or {@code fallback} when the key is absent. */
    public String text(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isValueNode()) {
            throw error(key, "must be a single value, got " + kind(v));
        }
        // a number such as `head: 1280` is passed on as text, so the parser's message says what was expected
        return v.asText();
    }

    /** A scalar parsed by {@code parser} (which reports its own errors), or {@code fallback} when absent. */
    public <T> T parsed(String key, Function<String, T> parser, T fallback) {
        return has(key) ? parser.apply(text(key, null)) : fallback;
    }

    /**
     * Runs {@code reader} over this document, prefixing any {@link InvalidInputException} it throws
     * (say, from a record's validation) with the document's name, so every message names the file.
     */
    public <T> T within(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidInputException ex) {
            if (ex.getMessage().startsWith(source + ": ")) {
                throw ex;
            }
            throw new InvalidInputException(source + ": " + ex.getMessage(), ex);
        }
    }

    /** A required list of strings (numbers and booleans are taken as their text). */
    public List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(key)) {
            if (!item.isValueNode() || item.isNull()) {
                throw error(key, "every item must be a single value, got " + kind(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A required list of numbers. */
    public List<Double> decimals(String key) {
        List<Double> out = new ArrayList<>();
        for (JsonNode item : list(key)) {
            if (!item.isNumber()) {
                throw error(key, "every item must be a number, got " + kind(item));
            }
            out.add(item.doubleValue());
        }
        return out;
    }

    /** A required list of integers. */
    public List<Integer> integers(String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : list(key)) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw error(key, "every item must be an integer, got " + kind(item));
            }
            out.add(item.intValue());
        }
        return out;
    }

    /** A required list of mappings, each checked against {@code allowedKeys}. */
    public List<StrictMapping> mappings(String key, Set<String> allowedKeys) {
        List<StrictMapping> out = new ArrayList<>();
        List<JsonNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            out.add(new StrictMapping(items.get(i), source, prefix + key + "[" + i + "].")
                    .checkedAgainst(allowedKeys));
        }
        return out;
    }

    /** A required nested mapping checked against {@code allowedKeys}. */
    public StrictMapping mapping(String key, Set<String> allowedKeys) {
        if (!has(key)) {
            throw error(key, "is required");
        }
        return new StrictMapping(node.get(key), source, prefix + key + ".").checkedAgainst(allowedKeys);
    }

    private List<JsonNode> list(String key) {
        if (!has(key)) {
            throw error(key, "is required (a list)");
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw error(key, "must be a list, got " + kind(v));
        }
        if (v.isEmpty()) {
            throw error(key, "must not be empty");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** An error about {@code key} in this document. */
    public InvalidInputException error(String key, String problem) {
        return new InvalidInputException(source + ": " + prefix + key + " " + problem);
    }

    private static String kind(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.isTextual() ? "'" + v.textValue() + "'" : v.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
