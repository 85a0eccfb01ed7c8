package org.effnas.search;

import java.util.List;
import java.util.Optional;

/** A strategy that proposes a given list in order, then nothing: grids and family evaluations. */
public final class FixedCandidates implements SearchStrategy {

    private final List<Proposal> proposals;
    private int next;

    private FixedCandidates(List<Proposal> proposals) {
        this.proposals = List.copyOf(proposals);
    }

    public static FixedCandidates of(List<Proposal> proposals) {
        return new FixedCandidates(proposals);
    }

    @Override
    public Optional<Proposal> propose() {
        return next < proposals.size() ? Optional.of(proposals.get(next++)) : Optional.empty();
    }

    @Override
    public void observe(Observation observation) {
        // The list is fixed in advance.
    }
}
