package org.effnas.search;

import java.util.Optional;

/**
 * How a search chooses what to evaluate next. Driven by {@link SearchRunner} from a single thread:
 * {@link #propose()} whenever an evaluation slot is free, {@link #observe} for every result. A
 * strategy is deterministic given its seed and the order of calls, which is what makes a journal
 * replayable.
 */
public interface SearchStrategy {

    /**
     * The next architecture to evaluate. May repeat one already evaluated (the runner deduplicates
     * and asks again). Empty when the strategy has nothing more to propose (a fixed list is done).
     */
    Optional<Proposal> propose();

    /**
     * A result of a candidate, usually one this strategy proposed; on resume also candidates replayed
     * from a journal, which a strategy must accept even when it never proposed them.
     */
    void observe(Observation observation);
}
