package org.effnas.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.effnas.InvalidInputException;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;

/**
 * An experiment journal: an append-only JSON-lines file. Line 1 is the {@link JournalHeader}; every
 * further line is a {@code submitted} candidate or a {@code result}, each carrying the candidate id and
 * the spec's canonical key. Every append is written whole and forced to disk before the call returns.
 *
 * <p>On resume, a torn last line (a crash mid-write) is reported through the warning sink, skipped and
 * truncated away before anything new is appended; any other damage, another experiment's journal or a
 * newer format is refused with an {@link InvalidJournalException} and the file is left untouched. The
 * file is locked while open so two processes never append to one journal.
 */
public final class JournalFile extends InMemoryResultStore {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private JournalFile(Path path, JournalHeader header, FileChannel channel, FileLock lock) {
        super(header);
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens a journal for an experiment.
     *
     * @param resume   when false the file must not exist yet (or be empty); when true an existing
     *                 journal of the same experiment is continued and a missing one is created
     * @param warnings receives one line per recoverable problem (a torn last line)
     */
    public static JournalFile open(Path path, JournalHeader expected, boolean resume, Consumer<String> warnings) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null; // this JVM already has it open
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                throw new InvalidJournalException(path + ": in use by another effnas process; wait for it to "
                        + "finish or choose another --out");
            }
            try {
                return openLocked(path, expected, resume, warnings, ch, lock);
            } catch (RuntimeException | IOException e) {
                lock.release();
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a journal without opening it for writing (reports, inspection). */
    public static InMemoryResultStore read(Path path, Consumer<String> warnings) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            Parsed p = parse(path, bytes, warnings);
            InMemoryResultStore store = new InMemoryResultStore(p.header);
            p.events.forEach(e -> replay(store, e));
            return store;
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read the journal (" + e.getMessage() + ")");
        }
    }

    private static JournalFile openLocked(Path path, JournalHeader expected, boolean resume,
                                          Consumer<String> warnings, FileChannel ch, FileLock lock)
            throws IOException {
        long size = ch.size();
        if (size == 0) {
            JournalFile j = new JournalFile(path, expected, ch, lock);
            j.write(expected.toJson());
            return j;
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size));
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            // read the whole file
        }
        Parsed p = parse(path, buf.array(), warnings);
        if (!p.header.sameExperiment(expected)) {
            throw new InvalidJournalException(path + ": holds another experiment (" + p.header.experimentId()
                    + ", differs in " + p.header.differences(expected) + "); choose another --out or remove it");
        }
        if (!resume) {
            throw new InvalidJournalException(path + ": already holds experiment " + p.header.experimentId()
                    + " with " + p.events.size() + " entries; pass --resume to continue it or choose another --out");
        }
        if (p.validLength < size) {
            ch.truncate(p.validLength);
            ch.force(true);
        }
        JournalFile j = new JournalFile(path, p.header, ch, lock);
        p.events.forEach(e -> replay(j, e));
        return j;
    }

    private static void replay(InMemoryResultStore store, JournalEvent e) {
        if (e instanceof JournalEvent.Submitted s) {
            if (store.accepts(s.candidate())) {
                store.append(e);
            }
        } else if (e instanceof JournalEvent.Recorded r && store.accepts(r.result())) {
            store.append(e);
        }
    }

    private record Parsed(JournalHeader header, List<JournalEvent> events, long validLength) {
    }

    private static Parsed parse(Path path, byte[] bytes, Consumer<String> warnings) {
        String name = path.getFileName().toString();
        List<JournalEvent> events = new ArrayList<>();
        JournalHeader header = null;
        InMemoryResultStore check = null;
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            boolean terminated = end < bytes.length;
            String where = name + " line " + lineNo;
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            JsonNode n = terminated ? tree(text) : null;
            if (n == null) {
                boolean last = !terminated || end + 1 >= bytes.length;
                if (!last || header == null) {
                    throw new InvalidJournalException(where + ": corrupt (not a JSON line)"
                            + (header == null ? "" : " in the middle of the journal")
                            + "; it cannot be repaired automatically: restore a backup or move the file away");
                }
                warnings.accept("effnas: warning: " + where + " is a torn write (crash mid-append): skipped and "
                        + "truncated; its candidate will be re-evaluated if needed");
                return new Parsed(header, events, start);
            }
            if (header == null) {
                header = JournalHeader.fromJson(n, where);
                check = new InMemoryResultStore(header);
            } else {
                JournalEvent e = event(n, where);
                try {
                    replay(check, e);
                } catch (IllegalArgumentException ex) {
                    throw new InvalidJournalException(where + ": inconsistent journal (" + ex.getMessage() + ")");
                }
                events.add(e);
            }
            start = end + 1;
        }
        if (header == null) {
            throw new InvalidJournalException(name + ": empty journal without a header");
        }
        return new Parsed(header, events, bytes.length);
    }

    private static JsonNode tree(String text) {
        try {
            JsonNode n = EvalJson.MAPPER.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JournalEvent event(JsonNode n, String where) {
        String type = n.path("type").asText();
        try {
            return switch (type) {
                case "submitted" -> new JournalEvent.Submitted(EvalJson.candidate(n, where));
                case "result" -> new JournalEvent.Recorded(EvalJson.result(n, where));
                default -> throw new InvalidJournalException(where + ": unknown entry type '" + type
                        + "', expected submitted or result");
            };
        } catch (InvalidJournalException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new InvalidJournalException(e.getMessage());
        }
    }

    /** The JSON line of an event, as written to the file. */
    public static ObjectNode line(JournalEvent e) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        if (e instanceof JournalEvent.Submitted s) {
            n.put("type", "submitted");
            n.put("at", Instant.now().toString());
            n.setAll(EvalJson.candidate(s.candidate()));
        } else if (e instanceof JournalEvent.Recorded r) {
            n.put("type", "result");
            n.put("at", Instant.now().toString());
            n.setAll(EvalJson.result(r.result()));
        }
        return n;
    }

    @Override
    public synchronized void submitted(Candidate candidate) {
        if (accepts(candidate)) {
            JournalEvent e = new JournalEvent.Submitted(candidate);
            write(line(e));
            append(e);
        }
    }

    @Override
    public synchronized boolean recorded(EvalResult result) {
        if (!accepts(result)) {
            return false;
        }
        JournalEvent e = new JournalEvent.Recorded(result);
        write(line(e));
        append(e);
        return true;
    }

    private void write(ObjectNode n) {
        byte[] bytes = (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            long pos = channel.size();
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + ": append failed: " + e.getMessage(), e);
        }
    }

    /** The journal's file. */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + path + ": close failed: " + e.getMessage(), e);
        }
    }
}
