package org.effnas.cluster.checkpoint;

/**
 * Where a process keeps rung checkpoints and how they travel ({@link CheckpointRoute}).
 *
 * @param route     how checkpoints move
 * @param files     this process's checkpoints (null exactly when the route is NONE)
 * @param keepLocal a worker on the CLUSTER route: how many checkpoints it keeps on its own disk after
 *                  sending them (the most recent; older ones are deleted, the coordinator has them);
 *                  ignored elsewhere
 * @param required  every rung must write a checkpoint and every promotion continue one (a trainer);
 *                  false for the surrogate, whose rehearsed checkpoints ({@link RehearsedCheckpoints})
 *                  the coordinator stores and publishes when workers send them
 */
public record CheckpointTransport(CheckpointRoute route, CheckpointFiles files, int keepLocal, boolean required) {

    public CheckpointTransport {
        if (route == null || (route == CheckpointRoute.NONE) != (files == null)) {
            throw new IllegalArgumentException("checkpoints: a route other than NONE needs a store, NONE none");
        }
        if (keepLocal < 0) {
            throw new IllegalArgumentException("--keep-checkpoints: must be >= 0, got " + keepLocal);
        }
    }

    public static CheckpointTransport none() {
        return new CheckpointTransport(CheckpointRoute.NONE, null, 0, false);
    }

    /** The embedded cluster: every slot writes to the coordinator's disk. */
    public static CheckpointTransport sharedDisk(CheckpointFiles files) {
        return new CheckpointTransport(CheckpointRoute.SHARED_DISK, files, Integer.MAX_VALUE, true);
    }

    /** Checkpoints travel over the cluster; a worker keeps {@code keepLocal} of them on its disk. */
    public static CheckpointTransport cluster(CheckpointFiles files, int keepLocal) {
        return new CheckpointTransport(CheckpointRoute.CLUSTER, files, keepLocal, true);
    }

    /** The CLUSTER route for checkpoints that only rehearsals write: stored and published when sent. */
    public static CheckpointTransport clusterIfSent(CheckpointFiles files) {
        return new CheckpointTransport(CheckpointRoute.CLUSTER, files, 0, false);
    }

    public boolean active() {
        return route != CheckpointRoute.NONE;
    }

    public boolean shipped() {
        return route == CheckpointRoute.CLUSTER;
    }
}
