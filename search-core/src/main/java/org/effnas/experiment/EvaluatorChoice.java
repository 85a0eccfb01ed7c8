package org.effnas.experiment;

import org.effnas.eval.BlockingEvaluator;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SurrogateEvaluator;

/**
 * The evaluator an experiment runs on one device, with what identifies its numbers.
 *
 * @param kind      recorded in provenance and cache keys: {@code surrogate}, {@code dl4j}, ...
 * @param evaluator evaluates one candidate on the calling thread
 * @param datasetId the dataset (name and checksum) the evaluator measures on; part of cache keys and
 *                  of the experiment's identity
 */
public record EvaluatorChoice(String kind, BlockingEvaluator evaluator, String datasetId) {

    public EvaluatorChoice {
        if (kind == null || evaluator == null || datasetId == null) {
            throw new IllegalArgumentException("evaluator choice: kind, evaluator and dataset id are required");
        }
    }

    public static EvaluatorChoice of(String kind, BlockingEvaluator evaluator, String datasetId) {
        return new EvaluatorChoice(kind, evaluator, datasetId);
    }

    /** The analytic SURROGATE calibrated to a reference architecture. */
    public static EvaluatorChoice surrogate(ArchSpec reference, SimulatedDuration duration) {
        SurrogateEvaluator s = SurrogateEvaluator.of(reference).withDuration(duration);
        return new EvaluatorChoice(SurrogateEvaluator.KIND, s, s.datasetId());
    }

    /** True for the surrogate: every output must then say SURROGATE. */
    public boolean isSurrogate() {
        return SurrogateEvaluator.KIND.equals(kind);
    }
}
