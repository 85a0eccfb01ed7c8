package org.effnas.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * Where a result came from, carried by every result so it can be reproduced or distrusted. In JSON
 * ({@link EvalJson}) the device, backend and latency appear only when known, {@code cached} only when true.
 *
 * @param evaluator     {@code dl4j}, {@code surrogate} (analytic, not a trained network) or another kind
 * @param seed          the candidate's seed
 * @param training      the training recipe used
 * @param dataset       dataset name and split, e.g. {@code fashion-mnist/minival}
 * @param dataChecksum  SHA-256 of the dataset files as read (empty for the surrogate)
 * @param codeVersion   effnas version and git commit
 * @param device        the slot's device, e.g. {@code cpu0} or {@code gpu1} (empty when not known)
 * @param backend       the native facts the numbers depend on, as {@code key=value} pairs: ND4J backend,
 *                      oneDNN, batch-norm kernels, malloc, threads (empty when not known)
 * @param latency       how {@code latency_ms} was measured and its spread, as {@code key=value} pairs:
 *                      engine, threads, batch, runs, median and p10/p90, the CPU last (empty when no
 *                      latency was measured)
 * @param cached        true when this result was served from the cross-experiment result cache
 *                      instead of being computed for this experiment (the other fields then describe
 *                      the run that originally produced it)
 */
public record Provenance(String evaluator, long seed, TrainingSettings training, String dataset,
                         String dataChecksum, String codeVersion, @JsonInclude(Include.NON_EMPTY) String device,
                         @JsonInclude(Include.NON_EMPTY) String backend, @JsonInclude(Include.NON_EMPTY) String latency,
                         @JsonInclude(Include.NON_DEFAULT) boolean cached) {

    public Provenance {
        device = device == null ? "" : device;
        backend = backend == null ? "" : backend;
        latency = latency == null ? "" : latency;
    }

    /** Provenance of a result computed now (not served from a cache), device and backend not yet known. */
    public Provenance(String evaluator, long seed, TrainingSettings training, String dataset,
                      String dataChecksum, String codeVersion) {
        this(evaluator, seed, training, dataset, dataChecksum, codeVersion, "", "", "", false);
    }

    public static Provenance of(String evaluator, long seed, TrainingSettings training, String dataset,
                                String dataChecksum, String codeVersion) {
        return new Provenance(evaluator, seed, training, dataset, dataChecksum, codeVersion);
    }

    /** The same provenance, marked as served from the result cache. */
    public Provenance asCached() {
        return new Provenance(evaluator, seed, training, dataset, dataChecksum, codeVersion, device, backend, latency, true);
    }

    /** The same provenance, naming the device the result was computed on and its backend facts. */
    public Provenance onDevice(String newDevice, String newBackend) {
        return new Provenance(evaluator, seed, training, dataset, dataChecksum, codeVersion, newDevice, newBackend,
                latency, cached);
    }

    /** The same provenance, saying how the result's latency was measured. */
    public Provenance withLatency(String facts) {
        return new Provenance(evaluator, seed, training, dataset, dataChecksum, codeVersion, device, backend, facts,
                cached);
    }
}
