package org.effnas.cluster.checkpoint;

import java.io.IOException;
import java.io.InputStream;

/**
 * The checkpoints on one machine's disk as opaque byte streams, the seam between the cluster (which
 * moves them) and the trainer (which writes and reads them: worker {@code CheckpointStore}). A
 * checkpoint's <em>packed</em> form is one stream holding everything needed to continue its run.
 */
public interface CheckpointFiles {

    /** Whether a complete checkpoint of this id is on disk. */
    boolean contains(String id);

    /** Size of its packed form in bytes. */
    long size(String id) throws IOException;

    /** Its packed form; the caller closes it. */
    InputStream open(String id) throws IOException;

    /**
     * Writes a checkpoint from its packed form, replacing one of the same id. Implementations read
     * {@code packed} to its end before the checkpoint becomes visible, so a stream that fails (a chunk
     * that does not verify, a checksum mismatch at the end) leaves nothing behind.
     */
    void receive(String id, InputStream packed) throws IOException;

    /** Deletes it; releasing one that is not there is harmless. */
    void release(String id);
}
