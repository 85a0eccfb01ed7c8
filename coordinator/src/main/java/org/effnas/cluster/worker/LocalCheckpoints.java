package org.effnas.cluster.worker;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import org.effnas.cluster.checkpoint.CheckpointFiles;

/**
 * The checkpoints a worker on the CLUSTER route keeps on its own disk after sending them: the
 * {@code keep} most recently written or fetched, so a promotion that lands on the worker that ran the
 * previous rung needs no download. Older ones are deleted (the coordinator has every checkpoint the
 * scheduler may still promote); one a slot is using is never deleted under it.
 */
final class LocalCheckpoints {

    private final CheckpointFiles files;
    private final int keep;
    private final LinkedHashSet<String> recent = new LinkedHashSet<>();
    private final Map<String, Integer> inUse = new HashMap<>();

    LocalCheckpoints(CheckpointFiles files, int keep) {
        this.files = files;
        this.keep = keep;
    }

    /** A slot starts using {@code id} (it fetched it, or is about to continue it). */
    synchronized void use(String id) {
        inUse.merge(id, 1, Integer::sum);
    }

    /** The slot is done with {@code id}; {@code consumed}: its promotion succeeded, so it can go at once. */
    synchronized void done(String id, boolean consumed) {
        inUse.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
        if (consumed) {
            recent.remove(id);
            if (!inUse.containsKey(id)) {
                files.release(id);
            }
        } else if (files.contains(id)) {
            remember(id);
        }
    }

    /** A checkpoint this worker wrote (and sent): kept among the most recent. */
    synchronized void remember(String id) {
        recent.remove(id);
        recent.add(id);
        for (Iterator<String> it = recent.iterator(); recent.size() > keep && it.hasNext(); ) {
            String oldest = it.next();
            if (!inUse.containsKey(oldest)) {
                it.remove();
                files.release(oldest);
            }
        }
    }
}
