package org.effnas.experiment;

import java.util.function.Consumer;
import org.effnas.spec.ArchSpec;

/**
 * Starts the evaluator of an experiment. search-core has only the surrogate; real training (DL4J)
 * and clusters (Hazelcast) come from the modules that have them, through this seam.
 */
@FunctionalInterface
public interface EvaluatorProvider {

    /**
     * @param reference    the reference architecture (the surrogate calibrates to it; a trained
     *                     evaluator ignores it)
     * @param experimentId names the experiment, e.g. for a cluster that only its workers join
     * @param log          one line per notable event (a cluster's address, workers joining)
     */
    ExperimentEvaluator start(ArchSpec reference, String experimentId, Consumer<String> log);
}
