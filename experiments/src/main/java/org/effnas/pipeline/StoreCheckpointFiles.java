package org.effnas.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.effnas.cluster.checkpoint.CheckpointFiles;
import org.effnas.worker.train.CheckpointStore;

/**
 * The trainer's {@link CheckpointStore} as the cluster sees it: checkpoints as packed byte streams.
 * The store is asked for at each use, so its folder is created only when the first checkpoint moves.
 */
final class StoreCheckpointFiles implements CheckpointFiles {

    private final Supplier<CheckpointStore> stores;

    StoreCheckpointFiles(Supplier<CheckpointStore> stores) {
        this.stores = stores;
    }

    @Override
    public boolean contains(String id) {
        return stores.get().contains(id);
    }

    @Override
    public long size(String id) throws IOException {
        return stores.get().packedSize(id);
    }

    @Override
    public InputStream open(String id) throws IOException {
        return stores.get().openPacked(id);
    }

    @Override
    public void receive(String id, InputStream packed) throws IOException {
        stores.get().receivePacked(id, packed);
    }

    @Override
    public void release(String id) {
        stores.get().release(id);
    }
}
