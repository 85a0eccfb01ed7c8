package org.effnas.eval;

import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;

/** Small candidates for tests. */
public final class CandidateFixtures {

    private CandidateFixtures() {
    }

    public static Candidate candidate(String id) {
        return candidate(id, Architectures.get("effnas-mini"));
    }

    public static Candidate candidate(String id, ArchSpec spec) {
        return Candidate.of(id, spec, TrainingSettings.defaults(), 7);
    }
}
