package org.effnas.worker.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which code trains the network in {@code effnas bench train}. */
public enum TrainingEngine {
    /** effnas's DL4J graph: what searches train with. */
    DL4J("dl4j"),
    /** {@link org.effnas.worker.nhwc.NhwcNetwork}: oneDNN directly on NHWC activations. */
    ONEDNN_NHWC("onednn-nhwc");

    private final String text;

    TrainingEngine(String text) {
        this.text = text;
    }

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
