package org.effnas.search;

import org.effnas.spec.ArchSpec;

/**
 * What a strategy asks to evaluate: an architecture and which replicate (training seed offset) of it.
 * Searches use replicate 0 (every candidate trains with the experiment seed); grids repeat a spec over
 * replicates 0..n-1.
 */
public record Proposal(ArchSpec spec, int replicate) {

    public Proposal {
        if (spec == null) {
            throw new IllegalArgumentException("proposal: spec is required");
        }
        if (replicate < 0) {
            throw new IllegalArgumentException("proposal: replicate must be >= 0, got " + replicate);
        }
    }

    public static Proposal of(ArchSpec spec) {
        return new Proposal(spec, 0);
    }

    public static Proposal of(ArchSpec spec, int replicate) {
        return new Proposal(spec, replicate);
    }
}
