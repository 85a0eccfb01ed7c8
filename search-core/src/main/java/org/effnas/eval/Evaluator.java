package org.effnas.eval;

import java.util.concurrent.CompletableFuture;

/**
 * The seam between search and evaluation. Asynchronous: the search submits candidates and consumes
 * results as they complete, keeping about {@link #capacity()} in flight. Implementations: a local
 * pool over a {@link BlockingEvaluator}, the analytic surrogate, and the Hazelcast cluster.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Starts evaluating a candidate. The future completes with the result, including a failed
     * result for a candidate that could not be evaluated; it completes exceptionally only when the
     * evaluator itself broke down.
     */
    CompletableFuture<EvalResult> submit(Candidate candidate);

    /** How many evaluations can usefully run at once (number of workers or devices). */
    int capacity();

    /** The kind of evaluator, as recorded in provenance ({@code dl4j}, {@code surrogate}, ...). */
    String kind();

    @Override
    void close();
}
