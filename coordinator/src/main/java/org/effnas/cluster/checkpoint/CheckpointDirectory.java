package org.effnas.cluster.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.effnas.InvalidInputException;

/**
 * Checkpoints as plain files {@code <id>.bin} in a folder (created when the first one arrives): the
 * store of {@link RehearsedCheckpoints}, whose packed form is the file itself. A received file is
 * written under a temporary name and moved into place once the stream ended without error.
 */
public final class CheckpointDirectory implements CheckpointFiles {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

    private final Path dir;

    public CheckpointDirectory(Path dir) {
        this.dir = dir;
    }

    @Override
    public boolean contains(String id) {
        return Files.isRegularFile(file(id));
    }

    @Override
    public long size(String id) throws IOException {
        return Files.size(file(id));
    }

    @Override
    public InputStream open(String id) throws IOException {
        return Files.newInputStream(file(id));
    }

    @Override
    public void receive(String id, InputStream packed) throws IOException {
        Path target = file(id);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".in", ".tmp");
        try {
            Files.copy(packed, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void release(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new InvalidInputException("checkpoint id '" + id + "': only letters, digits and _ . @ - are allowed");
        }
        return dir.resolve(id + ".bin");
    }
}
