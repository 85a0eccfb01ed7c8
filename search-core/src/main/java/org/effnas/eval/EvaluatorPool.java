package org.effnas.eval;

/**
 * Runs a single-device evaluator on {@code workers} devices and exposes them as one asynchronous
 * {@link Evaluator}: local threads ({@link LocalEvaluator}) or, supplied from outside search-core, an
 * embedded Hazelcast cluster whose workers go through the same queues and leases as a real one.
 */
@FunctionalInterface
public interface EvaluatorPool {

    /** Local threads, worker ids {@code local-0..N-1}. */
    EvaluatorPool LOCAL_THREADS = LocalEvaluator::of;

    Evaluator start(BlockingEvaluator evaluator, int workers, String kind);
}
