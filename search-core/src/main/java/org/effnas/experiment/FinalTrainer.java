package org.effnas.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.effnas.eval.TrainingSettings;

/**
 * Trains the members of a final phase: the module that has a trainer (DL4J) implements it, since the
 * phase keeps each member's weights ({@code final/<member>/model.zip}) and measures on the test split,
 * which no search evaluator does. The evaluator it starts trains one member per candidate, looked up
 * by the candidate's spec, continuing the member's checkpoint when there is one.
 */
@FunctionalInterface
public interface FinalTrainer {

    /** For commands that plan no final phase. */
    FinalTrainer NONE = (members, training, dir, log) -> {
        throw new org.effnas.InvalidSettingException("final members", "this command does not run a final phase; "
                + "use effnas run or effnas final");
    };

    /**
     * @param members  the members to train, distinct by spec
     * @param training the full-budget recipe (every candidate carries it too)
     * @param dir      the experiment directory (models go to {@code final/<member>/})
     * @param log      one line per notable event
     */
    ExperimentEvaluator start(List<FinalMember> members, TrainingSettings training, Path dir, Consumer<String> log);
}
