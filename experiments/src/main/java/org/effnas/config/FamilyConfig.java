package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scaled family: members phi = {@code phiMin..phiMax} with depth alpha^phi, width beta^phi and
 * resolution gamma^phi, or, with {@code target_macs} or {@code target_latency_ms}, one member per
 * budget at the real phi whose rounded network has the largest cost not above it (named {@code T50M},
 * {@code T5ms}, ...).
 *
 * @param singleDimension also scale by each of depth, width and resolution alone to the same
 *                        multiply-adds, for the report's comparison (as in EfficientNet, Fig. 3)
 * @param singleDimensionPhiMax the largest phi of those comparisons (phi 1 comes from the grid at no
 *                        extra cost; each further phi trains three more, ever larger, models)
 * @param targetMacs      multiply-add budgets instead of the phi range (empty: none)
 * @param targetLatencyMs measured batch-1 latency budgets in ms instead of the phi range (empty: none)
 */
public record FamilyConfig(boolean enabled, @JsonIgnore int phiMin, @JsonIgnore int phiMax, boolean singleDimension,
                           @JsonIgnore int singleDimensionPhiMax, List<Long> targetMacs, List<Double> targetLatencyMs) {

    /** At most this many targets. */
    public static final int MAX_TARGETS = 16;

    public FamilyConfig {
        targetMacs = targetMacs == null ? List.of() : List.copyOf(targetMacs);
        targetLatencyMs = targetLatencyMs == null ? List.of() : List.copyOf(targetLatencyMs);
    }

    /** A family by phi range. */
    public FamilyConfig(boolean enabled, int phiMin, int phiMax, boolean singleDimension, int singleDimensionPhiMax) {
        this(enabled, phiMin, phiMax, singleDimension, singleDimensionPhiMax, List.of(), List.of());
    }

    public static FamilyConfig defaults() {
        return new FamilyConfig(true, 0, 3, true, 3);
    }

    /** Whether the members are given by cost targets rather than the phi range. */
    public boolean targeted() {
        return !targetMacs.isEmpty() || !targetLatencyMs.isEmpty();
    }

    // the resolved config.yaml writes the phi range only when it chooses the members
    @JsonProperty("phi_min")
    Integer phiMinWritten() {
        return targeted() ? null : phiMin;
    }

    @JsonProperty("phi_max")
    Integer phiMaxWritten() {
        return targeted() ? null : phiMax;
    }

    @JsonProperty("single_dimension_phi_max")
    Integer singleDimensionPhiMaxWritten() {
        return targeted() ? null : singleDimensionPhiMax;
    }

    static FamilyConfig read(ConfigSection s) {
        FamilyConfig d = defaults();
        boolean enabled = s.flag("enabled", d.enabled());
        List<Long> macs = counts(s, "target_macs");
        List<Double> latency = milliseconds(s, "target_latency_ms");
        boolean targeted = !macs.isEmpty() || !latency.isEmpty();
        if (!macs.isEmpty() && !latency.isEmpty()) {
            s.problem("target_macs", "give family.target_macs or family.target_latency_ms, not both");
        }
        for (String range : List.of("phi_min", "phi_max", "single_dimension_phi_max")) {
            if (targeted && s.has(range)) {
                s.problem(range, "not with family." + (macs.isEmpty() ? "target_latency_ms" : "target_macs")
                        + ": the targets choose the members; drop one of them");
            }
        }
        int min = s.integer("phi_min", d.phiMin(), 0, 16);
        int max = s.integer("phi_max", d.phiMax(), 0, 16);
        if (max < min) {
            s.problem("phi_max", "must be >= family.phi_min (" + min + "), got " + max);
            max = min;
        }
        boolean single = s.flag("single_dimension", d.singleDimension());
        int singleMax = s.integer("single_dimension_phi_max", max, 1, 16);
        if (singleMax > max) {
            s.problem("single_dimension_phi_max", "must be <= family.phi_max (" + max + "), got " + singleMax);
            singleMax = max;
        }
        return new FamilyConfig(enabled, min, max, single, singleMax, macs, latency);
    }

    /** A list of positive counts ({@code [50M, 100M]}, a single one, or {@code 400000}). */
    private static List<Long> counts(ConfigSection s, String key) {
        return targets(s, key, "a positive count of multiply-adds (e.g. [50M, 100M])", e -> {
            Long v = e.isIntegralNumber() && e.canConvertToLong() ? Long.valueOf(e.asLong())
                    : e.isTextual() ? Quantities.parseCount(e.asText()) : null;
            return v == null || v < 1 ? null : v;
        });
    }

    /** A list of positive numbers of milliseconds. */
    private static List<Double> milliseconds(ConfigSection s, String key) {
        return targets(s, key, "a positive number of milliseconds (e.g. [2, 5])",
                e -> e.isNumber() && e.asDouble() > 0 && !Double.isInfinite(e.asDouble()) ? e.asDouble() : null);
    }

    /** The targets of a key (a list, or a single one), each read by {@code read} (null: not {@code expected}). */
    private static <T> List<T> targets(ConfigSection s, String key, String expected, Function<JsonNode, T> read) {
        JsonNode v = s.raw(key);
        List<JsonNode> given = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(given::add);
        } else if (v != null) {
            given.add(v);
        }
        if (given.size() > MAX_TARGETS) {
            s.problem(key, "at most " + MAX_TARGETS + " targets, got " + given.size());
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (JsonNode e : given) {
            T target = read.apply(e);
            if (target == null) {
                s.problem(key, "every target must be " + expected + ", got " + ConfigSection.describe(e));
                return List.of();
            }
            out.add(target);
        }
        return out;
    }
}
