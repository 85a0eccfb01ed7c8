package org.effnas.search;

/** Receives a running search's progress: after every result and about once a second otherwise. */
public interface ProgressListener {

    void progress(SearchProgress progress);

    /** A note worth a line of its own (a resume, a torn journal line, giving up on duplicates). */
    default void message(String line) {
    }

    /** The run is over (a chance to end a live line). */
    default void finished(SearchProgress last) {
    }

    /** A listener that ignores everything. */
    static ProgressListener none() {
        return p -> { };
    }
}
