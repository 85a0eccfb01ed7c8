package org.effnas.search;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.effnas.space.SearchSpace;

/** The baseline: every candidate drawn uniformly from the search space, ignoring all results. */
public final class RandomSearch implements SearchStrategy {

    private final SearchSpace space;
    private final RandomGenerator rng;

    private RandomSearch(SearchSpace space, RandomGenerator rng) {
        this.space = space;
        this.rng = rng;
    }

    public static RandomSearch of(SearchSpace space, long seed) {
        return new RandomSearch(space, Seeds.generator(seed, "random"));
    }

    @Override
    public Optional<Proposal> propose() {
        return Optional.of(Proposal.of(space.decode(space.random(rng))));
    }

    @Override
    public void observe(Observation observation) {
        // Random search learns nothing.
    }
}
