package org.effnas.pipeline;

/**
 * A part of effnas this run needs is not built yet (exit code 1, one plain line). Never used to
 * pretend: the run stops before anything is evaluated.
 */
public final class NotAvailableException extends RuntimeException {

    public NotAvailableException(String what) {
        super(what + " is not available yet in this build of effnas");
    }
}
