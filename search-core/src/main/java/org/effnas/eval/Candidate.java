package org.effnas.eval;

import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;

/**
 * One unit of evaluation work: an architecture with its training recipe and seed.
 *
 * @param id unique within an experiment (e.g. {@code c000042}); the journal and the cluster key
 *           results by it so that each is recorded exactly once
 */
public record Candidate(String id, ArchSpec spec, TrainingSettings training, long seed) {

    public Candidate {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("candidate id is missing");
        }
        if (spec == null || training == null) {
            throw new IllegalArgumentException("candidate " + id + ": spec and training are required");
        }
    }

    public static Candidate of(String id, ArchSpec spec, TrainingSettings training, long seed) {
        return new Candidate(id, spec, training, seed);
    }

    /** The spec's canonical block-string form: the key of journals and caches. */
    public String specKey() {
        return BlockStrings.canonical(spec);
    }
}
