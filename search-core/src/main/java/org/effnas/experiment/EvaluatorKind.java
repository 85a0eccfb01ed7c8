package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import org.effnas.SettingChoice;

/**
 * What turns a candidate into accuracy: real training or the analytic surrogate. Each kind's
 * {@link #text()} is the name recorded in provenance and cache keys.
 */
public enum EvaluatorKind implements SettingChoice {
    /** Trains each candidate with DL4J (provided by the worker module). */
    DL4J,
    /** The analytic stand-in: no network is trained, every output says SURROGATE. */
    SURROGATE,
    /** Runs the user's own trainer as a process per candidate (provided by the worker module). */
    COMMAND;

    @Override
    public String toString() {
        return text();
    }

    /** @throws InvalidSettingException for an unknown name */
    public static EvaluatorKind parse(String name) {
        return SettingChoice.parse(EvaluatorKind.class, "evaluator", "kind", name);
    }
}
