package org.effnas.eval;

import org.effnas.SettingChoice;

/**
 * Which code trains a candidate ({@code training.engine}): part of the recipe, so a result names it and
 * the cache never serves one engine's result for another's.
 */
public enum TrainingEngine implements SettingChoice {
    /** effnas's DL4J graph (the default: every CPU and GPU build runs it). */
    DL4J("dl4j"),
    /** The worker's NHWC engine: oneDNN primitives called directly on NHWC activations, CPU only. */
    ONEDNN_NHWC("onednn-nhwc");

    private final String text;

    TrainingEngine(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }

    /** Parses "dl4j" or "onednn-nhwc"; anything else is refused with both names. */
    public static TrainingEngine parse(String s) {
        return SettingChoice.parse(TrainingEngine.class, "engine", "engine", s);
    }
}
