package org.effnas.experiment;

import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.EvaluatorPool;
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
 * @param pool      how the evaluator is run on the experiment's workers (local threads by default)
 */
public record EvaluatorChoice(String kind, BlockingEvaluator evaluator, String datasetId, EvaluatorPool pool) {

    public EvaluatorChoice {
        if (kind == null || evaluator == null || datasetId == null || pool == null) {
            throw new IllegalArgumentException("evaluator choice: kind, evaluator, dataset id and pool are required");
        }
    }

    public static EvaluatorChoice of(String kind, BlockingEvaluator evaluator, String datasetId) {
        return new EvaluatorChoice(kind, evaluator, datasetId, EvaluatorPool.LOCAL_THREADS);
    }

    /** The same evaluator run on other workers (e.g. an embedded cluster). */
    public EvaluatorChoice withPool(EvaluatorPool newPool) {
        return new EvaluatorChoice(kind, evaluator, datasetId, newPool);
    }

    /** The analytic SURROGATE calibrated to a reference architecture. */
    public static EvaluatorChoice surrogate(ArchSpec reference, SimulatedDuration duration) {
        SurrogateEvaluator s = SurrogateEvaluator.of(reference).withDuration(duration);
        return of(SurrogateEvaluator.KIND, s, s.datasetId());
    }

    /** True for the surrogate: every output must then say SURROGATE. */
    public boolean isSurrogate() {
        return SurrogateEvaluator.KIND.equals(kind);
    }
}
