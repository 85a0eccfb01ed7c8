package org.effnas.eval;

/**
 * The outcome of evaluating one candidate: metrics on the held-out minival split (or the test set
 * when asked), cost, timings, and where and how it was produced; or a failure with its reason.
 *
 * @param top1            top-1 accuracy in [0, 1]; NaN on failure
 * @param top5            top-5 accuracy in [0, 1]; NaN when not measured or on failure
 * @param loss            mean loss on the evaluation split; NaN when not measured
 * @param params          trainable parameters
 * @param macs            multiply-adds of one forward pass at the spec's resolution
 * @param latencyMs       median inference latency at batch 1 after warm-up; NaN when not measured
 * @param trainImagesPerSecond training throughput; NaN when not measured
 * @param wallSeconds     wall time of the whole evaluation
 * @param workerId        who ran it (e.g. {@code host:pid/cpu0}, {@code local-2}, {@code surrogate})
 * @param failure         null when the evaluation succeeded, else why it failed
 * @param provenance      how the number was produced
 */
public record EvalResult(String candidateId, String specKey, double top1, double top5, double loss,
                         long params, long macs, double latencyMs, double trainImagesPerSecond,
                         double wallSeconds, String workerId, String failure,
                         Provenance provenance) {

    public boolean ok() {
        return failure == null;
    }

    /**
     * This result as served from the result cache for another candidate of the same spec, training
     * settings and seed: re-keyed to that candidate's id, provenance marked {@code cached}.
     */
    public EvalResult servedFromCacheFor(Candidate c) {
        return new EvalResult(c.id(), specKey, top1, top5, loss, params, macs, latencyMs,
                trainImagesPerSecond, wallSeconds, workerId, failure, provenance.asCached());
    }

    /** The same result recorded under another candidate id (used when re-keying). */
    public EvalResult withCandidateId(String newId) {
        return new EvalResult(newId, specKey, top1, top5, loss, params, macs, latencyMs,
                trainImagesPerSecond, wallSeconds, workerId, failure, provenance);
    }

    /** The same result with another provenance (a slot adding its device and backend facts). */
    public EvalResult withProvenance(Provenance newProvenance) {
        return new EvalResult(candidateId, specKey, top1, top5, loss, params, macs, latencyMs,
                trainImagesPerSecond, wallSeconds, workerId, failure, newProvenance);
    }

    /** A failed evaluation: no metrics, only the reason. */
    public static EvalResult failed(Candidate c, String reason, double wallSeconds, String workerId,
                                    Provenance provenance) {
        return new EvalResult(c.id(), c.specKey(), Double.NaN, Double.NaN, Double.NaN, 0, 0,
                Double.NaN, Double.NaN, wallSeconds, workerId, reason == null ? "unknown failure" : reason,
                provenance);
    }
}
