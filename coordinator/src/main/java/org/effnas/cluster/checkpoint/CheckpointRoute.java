package org.effnas.cluster.checkpoint;

/** How rung checkpoints reach the coordinator and the worker that continues them. */
public enum CheckpointRoute {
    /** Nothing to move: no rungs, or an evaluator that writes no checkpoints (surrogate, command). */
    NONE,
    /**
     * Workers write to the coordinator's own disk (the embedded cluster): nothing travels, and the
     * coordinator checks the checksum each result claims against the file on its disk.
     */
    SHARED_DISK,
    /**
     * Workers keep their own disk: after a rung a worker sends the checkpoint in signed chunks and the
     * coordinator stores it under the experiment directory; a promotion's checkpoint is published to
     * the cluster while it is in flight, for whichever worker takes it.
     */
    CLUSTER
}
