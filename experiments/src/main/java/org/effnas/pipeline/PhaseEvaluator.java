package org.effnas.pipeline;

import java.util.concurrent.CompletableFuture;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;

/**
 * One phase's view of the experiment's shared evaluator: prefixes candidate ids with the phase
 * ({@code grid/c000003}) on the way out and restores them on the way back, so that the search, the
 * random baseline, the grid and the family, which each number their candidates from c000001, never
 * collide on one cluster (which keys results by id). Closing it leaves the shared evaluator open.
 */
final class PhaseEvaluator implements Evaluator {

    private final Evaluator shared;
    private final String phase;

    PhaseEvaluator(Evaluator shared, String phase) {
        this.shared = shared;
        this.phase = phase;
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate c) {
        Candidate tagged = Candidate.of(phase + "/" + c.id(), c.spec(), c.training(), c.seed());
        return shared.submit(tagged).thenApply(r -> r.withCandidateId(c.id()));
    }

    @Override
    public int capacity() {
        return shared.capacity();
    }

    @Override
    public String kind() {
        return shared.kind();
    }

    @Override
    public void close() {
        // the shared evaluator outlives the phase
    }
}
