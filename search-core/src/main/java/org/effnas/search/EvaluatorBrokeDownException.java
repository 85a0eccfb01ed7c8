package org.effnas.search;

/**
 * The evaluator itself failed (not one candidate): the cluster is gone, the pool was closed. The run
 * stops; the journal keeps every unfinished candidate so a resume re-issues them.
 */
public class EvaluatorBrokeDownException extends RuntimeException {
    public EvaluatorBrokeDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
