package org.effnas.cluster.checkpoint;

/**
 * A checkpoint that arrived over the cluster and is not believed: a chunk missing, out of order,
 * oversized, not signed with the experiment's key, or the whole not matching the checksum its sender
 * signed. Nothing of it is kept.
 */
public final class CheckpointRejectedException extends RuntimeException {

    public CheckpointRejectedException(String message) {
        super(message);
    }
}
