package org.effnas.cluster.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.effnas.cluster.checkpoint.CheckpointFiles;

/** Checkpoints as plain files {@code <id>.bin} in a folder: one machine's disk in cluster tests. */
public final class DirectoryCheckpoints implements CheckpointFiles {

    private final Path dir;

    public DirectoryCheckpoints(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean contains(String id) {
        return Files.isRegularFile(dir.resolve(id + ".bin"));
    }

    @Override
    public long size(String id) throws IOException {
        return Files.size(dir.resolve(id + ".bin"));
    }

    @Override
    public InputStream open(String id) throws IOException {
        return Files.newInputStream(dir.resolve(id + ".bin"));
    }

    @Override
    public void receive(String id, InputStream packed) throws IOException {
        Path tmp = Files.createTempFile(dir, ".in", ".tmp");
        try {
            Files.copy(packed, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve(id + ".bin"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void release(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes(String id) throws IOException {
        return Files.readAllBytes(dir.resolve(id + ".bin"));
    }
}
