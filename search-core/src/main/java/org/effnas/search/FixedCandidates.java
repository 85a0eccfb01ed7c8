package org.effnas.search;

import java.util.List;
import java.util.Optional;

/** A strategy that proposes a given list in order, then nothing: grids and family evaluations. */
public final class FixedCandidates implements SearchStrategy {

    private final String name;
    private final List<Proposal> proposals;
    private int next;

    private FixedCandidates(String name, List<Proposal> proposals) {
        this.name = name;
        this.proposals = List.copyOf(proposals);
    }

    public static FixedCandidates of(String name, List<Proposal> proposals) {
        return new FixedCandidates(name, proposals);
    }

    /** The phase the list is for, e.g. {@code grid}. */
    public String name() {
        return name;
    }

    @Override
    public Optional<Proposal> propose() {
        return next < proposals.size() ? Optional.of(proposals.get(next++)) : Optional.empty();
    }

    @Override
    public void observe(Observation observation) {
        // The list is fixed in advance.
    }

    /** How many proposals the list holds. */
    public int size() {
        return proposals.size();
    }
}
