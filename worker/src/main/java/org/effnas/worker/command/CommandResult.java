package org.effnas.worker.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a command reported, checked: {@code top1} in [0, 1] (required); {@code top5} in [0, 1],
 * {@code loss} finite and >= 0, {@code params} an integer, {@code latency_ms} >= 0 and
 * {@code train_images_per_second} > 0 (each optional, null = not measured); {@code version} and
 * {@code device} optional strings. Other fields are ignored. NaN is read (Python's json writes it)
 * so that it can be refused by name.
 *
 * @param params -1 when not reported
 */
record CommandResult(double top1, double top5, double loss, long params, double latencyMs,
                     double trainImagesPerSecond, String version, String device) {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A result is a handful of numbers; anything larger is not a result (and is never read whole). */
    static final long MAX_RESULT_BYTES = 64 * 1024;

    /** Thrown with the reason a result file was refused. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Reads and checks a result file. */
    static CommandResult read(Path file) throws Refused {
        String text;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                throw new Refused("result file " + file + " is not a regular file");
            }
            if (attrs.size() > MAX_RESULT_BYTES) {
                throw new Refused("result file " + file + " has " + attrs.size() + " bytes, more than the "
                        + MAX_RESULT_BYTES + " a result may have");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Refused("the command wrote no result file " + file);
        } catch (IOException e) {
            throw new Refused("result file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode n;
        try {
            n = LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refused("result file " + file + " is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new Refused("result file " + file + " is not a JSON object: " + abbreviate(text));
        }
        JsonNode top1 = n.get("top1");
        if (top1 == null || top1.isNull()) {
            throw new Refused("result: field 'top1' is missing (top-1 accuracy in [0, 1] is required)");
        }
        double t1 = fraction(n, "top1");
        return new CommandResult(t1, optionalFraction(n, "top5"), optional(n, "loss", 0, false),
                params(n), optional(n, "latency_ms", 0, false), optional(n, "train_images_per_second", 0, true),
                text(n, "version"), text(n, "device"));
    }

    private static double fraction(JsonNode n, String field) throws Refused {
        JsonNode v = n.get(field);
        if (!v.isNumber()) {
            throw new Refused("result: field '" + field + "' must be a number in [0, 1], got " + v);
        }
        double d = v.asDouble();
        if (!(d >= 0 && d <= 1)) {
            throw new Refused("result: field '" + field + "' must be in [0, 1], got " + v.asText());
        }
        return d;
    }

    private static double optionalFraction(JsonNode n, String field) throws Refused {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Double.NaN : fraction(n, field);
    }

    private static double optional(JsonNode n, String field, double low, boolean open) throws Refused {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        double d = v.isNumber() ? v.asDouble() : Double.NaN;
        if (!v.isNumber() || !Double.isFinite(d) || (open ? d <= low : d < low)) {
            throw new Refused("result: field '" + field + "' must be a finite number " + (open ? "> " : ">= ")
                    + (long) low + " or null, got " + v.asText());
        }
        return d;
    }

    private static long params(JsonNode n) throws Refused {
        JsonNode v = n.get("params");
        if (v == null || v.isNull()) {
            return -1;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw new Refused("result: field 'params' must be a whole number >= 0 or null, got " + v.asText());
        }
        return v.asLong();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String abbreviate(String text) {
        String t = text.strip().replace('\n', ' ');
        return t.length() > 120 ? t.substring(0, 120) + "..." : t;
    }
}
