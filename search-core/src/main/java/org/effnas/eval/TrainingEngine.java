package org.effnas.eval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which code trains a candidate ({@code training.engine}): part of the recipe, so a result names it and
 * the cache never serves one engine's result for another's.
 */
public enum TrainingEngine {
    /** effnas's DL4J graph (the default: every CPU and GPU build runs it). */
    DL4J("dl4j"),
    /** The worker's NHWC engine: oneDNN primitives called directly on NHWC activations, CPU only. */
    ONEDNN_NHWC("onednn-nhwc");

    private final String text;

    TrainingEngine(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    /** Parses "dl4j" or "onednn-nhwc". */
    public static TrainingEngine parse(String s) {
        for (TrainingEngine e : values()) {
            if (e.text.equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + s + "': use one of "
                + Arrays.stream(values()).map(TrainingEngine::text).collect(Collectors.joining(", ")));
    }
}
