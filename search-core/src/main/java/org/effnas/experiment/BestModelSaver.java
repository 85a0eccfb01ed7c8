package org.effnas.experiment;

import java.nio.file.Path;
import org.effnas.search.Observation;

/**
 * Saves trained networks as deployable models (workers ship results, not weights, so the module that
 * trains does it): the search winner into {@code best/}, and, under a scheduler with rungs, each
 * family member from its checkpoint into {@code family/<name>/}. The engine calls {@link #save} once
 * per winner and {@link #saveMember} once per member: never for {@link #NONE}, and not again on a
 * resume that finds the model already saved.
 */
@FunctionalInterface
public interface BestModelSaver {

    /** For evaluators that train nothing. */
    BestModelSaver NONE = (best, dir) -> "no model to save";

    /**
     * Trains (or otherwise obtains) the winner's network and writes {@code model.zip} into {@code dir}.
     * A winner trained in rungs (its candidate has a {@code Fidelity}) is its rung's checkpoint, stored
     * under {@link PhaseKind#checkpointId} of the search phase: no retraining.
     *
     * @return one line saying what was saved, for the console
     */
    String save(Observation best, Path dir);

    /**
     * Writes the network of the family member {@code name} into {@code dir} from the checkpoint its
     * chosen evaluation wrote (no retraining), with a {@code metrics.json} naming the member, its
     * evaluation and {@code checkpoint}; the engine holds the checkpoint until this returns.
     *
     * @param evaluation   the member's evaluation whose checkpoint is saved
     * @param checkpointId the checkpoint's id qualified by the phase that wrote it ({@code family.c000002@r0})
     * @return one line saying what was saved, for the console
     */
    default String saveMember(String name, Observation evaluation, String checkpointId, Path dir) {
        return "no family/" + name + " model: this evaluator saves no family models";
    }
}
