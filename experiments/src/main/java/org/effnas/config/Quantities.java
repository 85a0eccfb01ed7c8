package org.effnas.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human-friendly numbers in configs: counts with a K/M/G suffix ({@code 400M} multiply-adds) and
 * durations such as {@code 90s}, {@code 15m}, {@code 1h30m} (or ISO-8601 {@code PT15M}).
 */
public final class Quantities {

    private static final Pattern COUNT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgG]?)");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|m|s)");

    private Quantities() {
    }

    /** Parses {@code 400M}, {@code 1.5G}, {@code 20000}; null when the text is not a count. */
    public static Long parseCount(String text) {
        Matcher m = COUNT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
        double scaled = v * scale;
        if (scaled != Math.rint(scaled) || scaled > Long.MAX_VALUE) {
            return null;
        }
        return (long) scaled;
    }

    /** Shortest suffixed text of a count: {@code 400M}, {@code 1.5G}, {@code 1234}. */
    public static String formatCount(long v) {
        long[] scales = {1_000_000_000L, 1_000_000L, 1_000L};
        String[] suffixes = {"G", "M", "K"};
        for (int i = 0; i < scales.length; i++) {
            if (Math.abs(v) >= scales[i] && v % (scales[i] / 100) == 0) {
                double d = (double) v / scales[i];
                String s = d == Math.rint(d) ? Long.toString((long) d) : trim(String.format(Locale.ROOT, "%.3f", d));
                return s + suffixes[i];
            }
        }
        return Long.toString(v);
    }

    /** Parses {@code 90s}, {@code 15m}, {@code 1h30m}, {@code PT15M} or plain seconds; null if malformed. */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("pt")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException ex) {
                return null;
            }
        }
        if (t.matches("[0-9]+(\\.[0-9]+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        }
        Matcher m = DURATION_PART.matcher(t);
        int end = 0;
        double seconds = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double v = Double.parseDouble(m.group(1));
            seconds += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "m" -> v * 60;
                default -> v;
            };
            end = m.end();
        }
        return end == t.length() && end > 0 ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
    }

    /**
     * Compact text of a duration: {@code 1h30m}, {@code 15m}, {@code 45s}, {@code 7.5s}, {@code 0} for
     * none; milliseconds are kept (as decimal seconds), so the text parses back to the same duration.
     */
    public static String formatDuration(Duration d) {
        long s = d.toSeconds();
        int millis = d.toMillisPart();
        if (s == 0 && millis == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 != 0 || millis != 0) {
            b.append(s % 60);
            if (millis != 0) {
                b.append('.').append(trim(String.format(Locale.ROOT, "%03d", millis)));
            }
            b.append('s');
        }
        return b.toString();
    }

    private static String trim(String s) {
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
