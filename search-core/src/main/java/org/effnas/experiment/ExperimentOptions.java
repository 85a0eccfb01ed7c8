package org.effnas.experiment;

import java.nio.file.Path;
import org.effnas.InvalidInputException;
import org.effnas.eval.TrainingSettings;

/**
 * How an experiment runs, shared by searches and grids (what a CLI flag or a config section fills).
 *
 * @param out      the experiment directory (journal and outputs)
 * @param resume   continue the experiment journalled in {@code out}; without it an existing journal is refused
 * @param workers  evaluations run at once in this JVM
 * @param cacheDir the cross-experiment result cache, or null for none
 * @param fresh    evaluate even what the cache holds (results still refresh it)
 * @param ordered  process results in submission order (deterministic with any number of workers)
 * @param seed     the experiment seed
 * @param training the training recipe of every candidate
 */
public record ExperimentOptions(Path out, boolean resume, int workers, Path cacheDir, boolean fresh, boolean ordered,
                                long seed, TrainingSettings training) {

    public ExperimentOptions {
        if (out == null) {
            throw new InvalidInputException("--out: an output directory is required");
        }
        if (workers < 1 || workers > 1024) {
            throw new InvalidInputException("--workers: must be in [1, 1024], got " + workers);
        }
        if (training == null) {
            throw new IllegalArgumentException("experiment options: training settings are required");
        }
    }

    public static ExperimentOptions of(Path out, boolean resume, int workers, Path cacheDir, boolean fresh,
                                       boolean ordered, long seed, TrainingSettings training) {
        return new ExperimentOptions(out, resume, workers, cacheDir, fresh, ordered, seed, training);
    }
}
