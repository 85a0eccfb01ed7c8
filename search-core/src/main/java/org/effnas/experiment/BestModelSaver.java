package org.effnas.experiment;

import java.nio.file.Path;
import org.effnas.search.Observation;

/**
 * Saves the trained network of the search winner into {@code best/} (workers ship results, not
 * weights, so the module that trains does it). The engine calls it once per winner: never for
 * {@link #NONE}, and not again on a resume that finds the winner's model already saved.
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
}
