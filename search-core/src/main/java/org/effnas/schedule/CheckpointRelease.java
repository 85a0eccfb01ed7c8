package org.effnas.schedule;

/**
 * Where the search runner lets go of checkpoints no scheduler decision can need any more (see
 * {@link Scheduler#checkpointsToKeep}): the checkpoint store deletes them. Called from the runner's
 * thread, at most once per checkpoint id; releasing one that was never written is harmless.
 */
@FunctionalInterface
public interface CheckpointRelease {

    void release(String checkpointId);

    /** Keeps everything (no checkpoint store, or the surrogate, which writes none). */
    static CheckpointRelease none() {
        return id -> { };
    }
}
