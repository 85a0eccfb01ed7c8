package org.effnas.eval;

/**
 * Evaluates one candidate on the calling thread: what a single worker device does. The DL4J trainer
 * and the surrogate implement it; local pools and cluster workers run it.
 */
@FunctionalInterface
public interface BlockingEvaluator {

    /**
     * Evaluates a candidate. A candidate that cannot be trained (diverged, out of memory, invalid
     * for the data) returns a failed {@link EvalResult} rather than throwing.
     *
     * @param workerId recorded in the result, e.g. {@code local-0} or {@code host:pid/gpu1}
     */
    EvalResult evaluate(Candidate candidate, String workerId);
}
