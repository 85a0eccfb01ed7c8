package org.effnas.eval;

import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;

/**
 * One unit of evaluation work: an architecture with its training recipe and seed, and, under a
 * multi-fidelity scheduler, the rung it trains to ({@link Fidelity}).
 *
 * @param id      unique within an experiment (e.g. {@code c000042}); the journal and the cluster key
 *                results by it so that each is recorded exactly once
 * @param specKey the spec's canonical block-string form ({@link BlockStrings#canonical}), the key of
 *                journals and caches; computed once here because searches ask for it often
 * @param fidelity the rung of a multi-fidelity schedule; null when the training recipe alone decides
 *                 the budget (the {@code fifo} default)
 */
public record Candidate(String id, ArchSpec spec, TrainingSettings training, long seed, String specKey,
                        Fidelity fidelity) {

    public Candidate {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("candidate id is missing");
        }
        if (spec == null || training == null) {
            throw new IllegalArgumentException("candidate " + id + ": spec and training are required");
        }
        String canonical = BlockStrings.canonical(spec);
        if (specKey != null && !specKey.equals(canonical)) {
            throw new IllegalArgumentException("candidate " + id + ": spec key " + specKey
                    + " is not the spec's canonical form " + canonical);
        }
        specKey = canonical;
    }

    public static Candidate of(String id, ArchSpec spec, TrainingSettings training, long seed) {
        return new Candidate(id, spec, training, seed, null, null);
    }

    /** A rung evaluation of a multi-fidelity schedule. */
    public static Candidate of(String id, ArchSpec spec, TrainingSettings training, long seed, Fidelity fidelity) {
        return new Candidate(id, spec, training, seed, null, fidelity);
    }

    /** The same candidate under another id and rung (a promotion of it). */
    public Candidate atRung(String newId, Fidelity newFidelity) {
        return new Candidate(newId, spec, training, seed, specKey, newFidelity);
    }
}
