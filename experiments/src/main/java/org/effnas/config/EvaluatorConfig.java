package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.file.Path;
import org.effnas.experiment.EvaluatorKind;

/**
 * What turns a candidate into accuracy.
 *
 * @param kind         {@code dl4j} (really trains it), {@code command} (runs the user's own trainer,
 *                     see {@link CommandConfig}) or {@code surrogate} (an analytic stand-in for dry
 *                     runs; every report built from it says SURROGATE)
 * @param localWorkers evaluations run at once on this machine when there is no cluster
 * @param command      the trainer to run when the kind is {@code command}, else null
 */
public record EvaluatorConfig(EvaluatorKind kind, int localWorkers, @JsonUnwrapped CommandConfig command) {

    public EvaluatorConfig {
        if ((kind == EvaluatorKind.COMMAND) != (command != null)) {
            throw new IllegalArgumentException("evaluator: a command is given exactly when the kind is command");
        }
    }

    static EvaluatorConfig read(ConfigSection s, Path base) {
        EvaluatorKind kind = s.choice("kind", EvaluatorKind.DL4J, EvaluatorKind.class);
        int workers = s.integer("local_workers", 1, 1, 256);
        return new EvaluatorConfig(kind, workers, CommandConfig.read(s, kind.text(), base));
    }

    public boolean surrogate() {
        return kind == EvaluatorKind.SURROGATE;
    }

    /** Whether candidates are trained by the user's command rather than in this JVM. */
    @JsonIgnore
    public boolean isCommand() {
        return command != null;
    }
}
