package org.effnas.cluster.dispatch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The coordinator's event log ({@code lease-lost ...}, {@code result-accepted ...}), one timestamped
 * line per event, appended to a file in the experiment directory so it never mixes with the
 * progress line. Each line is flushed at once: the file is what to read after a crash.
 */
public final class EventLogFile implements Consumer<String>, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private boolean closed;

    private EventLogFile(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending (a resumed coordinator adds to its predecessor's log). */
    public static EventLogFile open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new EventLogFile(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the coordinator log " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void accept(String line) {
        if (closed) {
            return;
        }
        try {
            out.write(Instant.now() + " " + line.replace('\n', ' ').replace('\r', ' '));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // a full disk must not stop the experiment; the journal is the record that matters
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // nothing more to write
            }
        }
    }
}
