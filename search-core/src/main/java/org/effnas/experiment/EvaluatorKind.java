package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import org.effnas.SettingChoice;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.effnas.surrogate.SurrogateEvaluator;

/** What turns a candidate into accuracy: real training or the analytic surrogate. */
public enum EvaluatorKind implements SettingChoice {
    /** Trains each candidate with DL4J (provided by the worker module). */
    DL4J("dl4j"),
    /** The analytic stand-in: no network is trained, every output says SURROGATE. */
    SURROGATE(SurrogateEvaluator.KIND),
    /** Runs the user's own trainer as a process per candidate (provided by the worker module). */
    COMMAND("command");

    private final String text;

    EvaluatorKind(String text) {
        this.text = text;
    }

    /** The kind as recorded in provenance and cache keys. */
    @JsonValue
    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    public static List<String> names() {
        return SettingChoice.names(EvaluatorKind.class);
    }

    /** @throws InvalidSettingException for an unknown name */
    public static EvaluatorKind parse(String name) {
        return SettingChoice.parse(EvaluatorKind.class, "evaluator", "kind", name);
    }
}
