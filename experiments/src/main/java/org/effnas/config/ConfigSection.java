package org.effnas.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.effnas.SettingChoice;

/**
 * A cursor over one mapping of a config file that reads typed values with defaults and collects
 * every problem (wrong type, out of range, unknown key) under its dotted path instead of stopping
 * at the first. Each section's reader asks for the keys it knows; {@link #finish()} then reports
 * the keys nobody asked for, with the closest known key as a suggestion.
 */
public final class ConfigSection {

    /**
     * Longest duration a config may give (a wall-time budget, a lease timeout): a year, far beyond
     * any run, and far inside what every clock computation on it can hold without overflow.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(366);

    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigSection> children = new ArrayList<>();

    ConfigSection(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.problems = problems;
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            problems.add(label() + ": expected a mapping of keys, got " + describe(node));
            this.node = MissingNode.getInstance();
        } else {
            this.node = node == null ? MissingNode.getInstance() : node;
        }
    }

    /** The dotted path of this section ({@code ""} for the top level). */
    public String path() {
        return path;
    }

    /** Whether the key is present (and not null) in the file. */
    public boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The raw value of a key, marking it known; null when absent. */
    JsonNode raw(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A nested section; an absent key gives an empty section (every default). */
    public ConfigSection section(String key) {
        known.add(key);
        return child(new ConfigSection(at(key), node.get(key), problems));
    }

    private ConfigSection child(ConfigSection c) {
        children.add(c);
        return c;
    }

    /**
     * A nested section that may also be written as a bare name: {@code dataset: mnist} is read as
     * {@code dataset: {name: mnist}} (with {@code nameKey} "name").
     */
    public ConfigSection sectionOrName(String key, String nameKey) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v != null && v.isTextual()) {
            ObjectNode named = JsonNodeFactory.instance.objectNode();
            named.put(nameKey, v.asText());
            return child(new ConfigSection(at(key), named, problems));
        }
        return child(new ConfigSection(at(key), v, problems));
    }

    public String string(String key, String def) {
        return typed(key, def, "a string", v -> v.isValueNode() && !v.isBoolean() ? v.asText() : null);
    }

    /** A string that must be one of {@code allowed} (case-insensitive, returned in lower case). */
    public String choice(String key, String def, List<String> allowed) {
        String s = string(key, def);
        if (s == null) {
            return null;
        }
        String lower = s.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            String near = Suggestions.closest(lower, allowed);
            problems.add(at(key) + ": must be one of " + String.join(", ", allowed) + ", got '" + s + "'"
                    + (near == null ? "" : " (did you mean " + near + "?)"));
            return def;
        }
        return lower;
    }

    /** One of a closed set ({@link SettingChoice}), read and checked as {@link #choice} does. */
    public <E extends Enum<E> & SettingChoice> E choice(String key, E def, Class<E> type) {
        String name = choice(key, def.text(), SettingChoice.names(type));
        return SettingChoice.parse(type, at(key), key, name == null ? def.text() : name);
    }

    public boolean flag(String key, boolean def) {
        return typed(key, def, "true or false", v -> v.isBoolean() ? v.asBoolean() : null);
    }

    /** An integer in [min, max]. */
    public int integer(String key, int def, int min, int max) {
        return (int) count(key, def, min, max);
    }

    /** A whole number in [min, max]; also accepts {@code 400M}-style suffixes. */
    public long count(String key, long def, long min, long max) {
        Long value = typed(key, null, "a whole number (suffixes K, M, G allowed)", ConfigSection::wholeNumber);
        if (value == null) {
            return def;
        }
        if (value < min || value > max) {
            problems.add(at(key) + ": " + rangeText(min, true, max, true) + ", got " + raw(key).asText());
            return def;
        }
        return value;
    }

    /** An integral number, a {@code 400M}-style count or a float without a fraction; else null. */
    private static Long wholeNumber(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            return Quantities.parseCount(v.asText());
        }
        return v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble()) ? (long) v.asDouble() : null;
    }

    /** A number in the range; {@code lowOpen}/{@code highOpen} exclude the bound itself. */
    public double decimal(String key, double def, double low, boolean lowOpen, double high, boolean highOpen) {
        Double d = typed(key, null, "a number", v -> v.isNumber() ? v.asDouble() : null);
        if (d == null) {
            return def;
        }
        boolean okLow = lowOpen ? d > low : d >= low;
        boolean okHigh = highOpen ? d < high : d <= high;
        if (!okLow || !okHigh || Double.isNaN(d) || Double.isInfinite(d)) {
            problems.add(at(key) + ": " + rangeText(low, !lowOpen, high, !highOpen) + ", got " + raw(key).asText());
            return def;
        }
        return d;
    }

    /** A duration such as {@code 15m} or {@code 1h30m}, or seconds; 0 means none. */
    public Duration duration(String key, Duration def) {
        Duration d = typed(key, null, "a duration such as 90s, 15m or 1h30m (0 = no limit)", ConfigSection::duration);
        if (d == null) {
            return def;
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            problems.add(at(key) + ": must be at most " + MAX_DURATION.toDays() + " days ("
                    + Quantities.formatDuration(MAX_DURATION) + "), got " + raw(key).asText());
            return def;
        }
        return d;
    }

    /** Seconds, or a text such as {@code 1h30m}; null for anything else or a negative duration. */
    private static Duration duration(JsonNode v) {
        Duration d = v.isNumber() ? (v.asDouble() >= 0 && Double.isFinite(v.asDouble())
                ? Duration.ofMillis(Math.round(Math.min(v.asDouble(), 1e15) * 1000)) : null)
                : v.isTextual() ? Quantities.parseDuration(v.asText()) : null;
        return d == null || d.isNegative() ? null : d;
    }

    /** A list of numbers (a YAML sequence, or a single number); null when absent and {@code def} is null. */
    public List<Double> decimals(String key, List<Double> def) {
        JsonNode v = raw(key);
        if (v == null) {
            return def;
        }
        List<Double> out = new ArrayList<>();
        if (v.isNumber()) {
            out.add(v.asDouble());
            return out;
        }
        if (!v.isArray()) {
            return wrong(key, "a list of numbers", v, def);
        }
        for (JsonNode e : v) {
            if (!e.isNumber()) {
                return wrong(key, "a list of numbers", v, def);
            }
            out.add(e.asDouble());
        }
        return out;
    }

    /** Records a problem for each of {@code keys} given here although it only applies to {@code where}. */
    public void onlyWith(List<String> keys, String where) {
        keys.stream().filter(this::has).forEach(key -> problem(key, "only applies to " + where));
    }

    /** Records a problem that concerns this section's key (e.g. a rule across two keys). */
    public void problem(String key, String text) {
        problems.add(at(key) + ": " + text);
    }

    /** Reports every key present in the file that no reader asked for. */
    public void finish() {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                String near = Suggestions.closest(name, known);
                problems.add(at(name) + ": unknown key" + (near == null ? "" : ", did you mean " + near + "?")
                        + (near == null ? " (known: " + String.join(", ", known) + ")" : ""));
            }
        });
    }

    /** {@link #finish()} on this section and every nested section read from it. */
    public void finishAll() {
        finish();
        for (ConfigSection c : children) {
            c.finishAll();
        }
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String label() {
        return path.isEmpty() ? "top level" : path;
    }

    /** The key's value as {@code read} converts it (null: not {@code expected}, a problem); def when absent. */
    private <T> T typed(String key, T def, String expected, Function<JsonNode, T> read) {
        JsonNode v = raw(key);
        if (v == null) {
            return def;
        }
        T value = read.apply(v);
        return value == null ? wrong(key, expected, v, def) : value;
    }

    private <T> T wrong(String key, String expected, JsonNode v, T def) {
        problems.add(at(key) + ": expected " + expected + ", got " + describe(v));
        return def;
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        return v.asText();
    }

    private static String rangeText(double low, boolean lowIn, double high, boolean highIn) {
        boolean noHigh = Double.isInfinite(high) || high >= Long.MAX_VALUE;
        boolean noLow = Double.isInfinite(low) || low <= Long.MIN_VALUE;
        if (noHigh && noLow) {
            return "must be a number";
        }
        if (noHigh) {
            return "must be " + (lowIn ? ">= " : "> ") + num(low);
        }
        if (noLow) {
            return "must be " + (highIn ? "<= " : "< ") + num(high);
        }
        return "must be in " + (lowIn ? "[" : "(") + num(low) + ", " + num(high) + (highIn ? "]" : ")");
    }

    /** A number as a config would write it: whole numbers without a decimal point. */
    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
