package org.effnas.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.effnas.InvalidInputException;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.input.InputFiles;
import org.effnas.notation.DuplicateKeys;

/**
 * An experiment journal: an append-only JSON-lines file. Line 1 is the {@link JournalHeader}; every
 * further line is a {@code submitted} candidate or a {@code result}, each carrying the candidate id and
 * the spec's canonical key. Every append is written whole and forced to disk before the call returns.
 *
 * <p>Every line ends in a checksum chained to the previous line's ({@link LineChecksum}), so a line
 * edited by hand, lines reordered, or a line removed from the middle are refused on resume with the
 * line number; journals of format 1, written without checksums, still read, with a warning. A second
 * result line for the same candidate (and rung, for a multi-fidelity schedule) is refused as a conflict, never
 * read as a second result. Blank lines are skipped.
 *
 * <p>On resume, a torn last line (a crash mid-write) is reported through the warning sink, skipped and
 * truncated away before anything new is appended; any other damage, another experiment's journal or a
 * newer format is refused with an {@link InvalidJournalException} and the file is left untouched. The
 * file is locked while open so two processes never append to one journal. A failed append (a full
 * disk, a file made read-only) is a {@link JournalWriteException}: the lines before it are intact, and
 * the half-written line, if any, is removed or tolerated as a torn line on resume.
 */
public final class JournalFile extends InMemoryResultStore {

    /** Largest journal read: 1 GiB (a 100,000-evaluation search writes about 200 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private static final ObjectReader STRICT = EvalJson.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    /** The checksum of the last line written or read; null for a journal without checksums. */
    private String lastChecksum;

    private JournalFile(Path path, JournalHeader header, FileChannel channel, FileLock lock, String lastChecksum) {
        super(header);
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.lastChecksum = lastChecksum;
    }

    /**
     * Opens a journal for an experiment.
     *
     * @param resume   when false the file must not exist yet (or be empty); when true an existing
     *                 journal of the same experiment is continued and a missing one is created
     * @param warnings receives one line per recoverable problem (a torn last line, a journal without
     *                 checksums)
     * @throws JournalWriteException when the file or its directory cannot be written
     */
    public static JournalFile open(Path path, JournalHeader expected, boolean resume, Consumer<String> warnings) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(path)) {
                InputFiles.checkRegular(path, MAX_BYTES, "journal");
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            boolean openHere = false;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null; // this JVM already has it open
                openHere = true;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                throw new InvalidJournalException(path + ": in use " + (openHere ? "(already open in this process)"
                        : "by another effnas process") + "; wait for it to finish or choose another output directory");
            }
            try {
                return openLocked(path, expected, resume, warnings, ch, lock);
            } catch (RuntimeException | IOException e) {
                lock.release();
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw JournalWriteException.opening(path, e);
        }
    }

    /** Reads a journal without opening it for writing (reports, inspection). */
    public static InMemoryResultStore read(Path path, Consumer<String> warnings) {
        byte[] bytes;
        try {
            bytes = InputFiles.readBytes(path, MAX_BYTES, "journal");
        } catch (InvalidInputException e) {
            throw new InvalidJournalException(e.getMessage());
        }
        Parsed p = parse(path, bytes, warnings);
        InMemoryResultStore store = new InMemoryResultStore(p.header);
        p.events.forEach(e -> replay(store, e));
        return store;
    }

    private static JournalFile openLocked(Path path, JournalHeader expected, boolean resume,
                                          Consumer<String> warnings, FileChannel ch, FileLock lock)
            throws IOException {
        long size = ch.size();
        if (size == 0) {
            JournalFile j = new JournalFile(path, expected, ch, lock,
                    expected.checksummed() ? LineChecksum.START : null);
            j.write(expected.toJson());
            return j;
        }
        if (size > MAX_BYTES) {
            throw new InvalidJournalException(path + ": is " + size + " bytes, more than the " + MAX_BYTES
                    + " a journal may hold; check that this is the right file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            // read the whole file
        }
        Parsed p = parse(path, buf.array(), warnings);
        if (!p.header.sameExperiment(expected)) {
            throw new InvalidJournalException(path + ": holds another experiment (" + p.header.experimentId()
                    + ", differs in " + p.header.differences(expected) + "); choose another output directory or "
                    + "remove it");
        }
        if (!resume) {
            throw new InvalidJournalException(path + ": already holds experiment " + p.header.experimentId()
                    + " with " + p.events.size() + " entries; rerun the same command with --resume to continue it, "
                    + "or choose another output directory");
        }
        if (p.validLength < size) {
            ch.truncate(p.validLength);
            ch.force(true);
        }
        JournalFile j = new JournalFile(path, p.header, ch, lock, p.lastChecksum);
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

    private record Parsed(JournalHeader header, List<JournalEvent> events, long validLength, String lastChecksum) {
    }

    private static Parsed parse(Path path, byte[] bytes, Consumer<String> warnings) {
        String name = path.getFileName().toString();
        List<JournalEvent> events = new ArrayList<>();
        JournalHeader header = null;
        InMemoryResultStore check = null;
        Map<String, Integer> resultLines = new HashMap<>();
        Map<String, String> keyById = new HashMap<>();
        String chain = null;
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
            if (terminated && text.isBlank()) {
                start = end + 1; // harmless: skipped, and the chain runs past it
                continue;
            }
            JsonNode n = terminated ? tree(text, where) : null;
            if (n == null) {
                boolean last = !terminated || end + 1 >= bytes.length;
                if (!last || header == null) {
                    throw new InvalidJournalException(where + ": corrupt (not a JSON line)"
                            + (header == null ? "" : " in the middle of the journal")
                            + "; it cannot be repaired automatically: restore a backup or move the file away");
                }
                warnings.accept("effnas: warning: " + where + " is a torn write (crash mid-append): skipped and "
                        + "truncated; its candidate will be re-evaluated if needed");
                return new Parsed(header, events, start, chain);
            }
            if (header == null) {
                header = JournalHeader.fromJson(n, where);
                check = new InMemoryResultStore(header);
                if (header.checksummed()) {
                    chain = verified(text, LineChecksum.START, where);
                } else {
                    warnings.accept("effnas: warning: " + name + " is a format-" + header.format() + " journal "
                            + "without line checksums (written by an older effnas): edits to it cannot be detected");
                }
            } else {
                if (chain != null) {
                    chain = verified(text, chain, where);
                }
                JournalEvent e = event(n, where);
                if (e instanceof JournalEvent.Submitted sub) {
                    keyById.putIfAbsent(sub.candidateId(), resultKey(sub.candidate()));
                }
                if (e instanceof JournalEvent.Recorded r) {
                    String key = keyById.getOrDefault(r.candidateId(), r.candidateId());
                    Integer first = resultLines.putIfAbsent(key, lineNo);
                    if (first != null) {
                        throw new InvalidJournalException(where + ": a second result for candidate "
                                + r.result().candidateId() + " (the first is on line " + first + "); a candidate "
                                + "has one result, so the journal was edited or merged: restore a backup or move "
                                + "the file away");
                    }
                }
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
        return new Parsed(header, events, bytes.length, chain);
    }

    /** The JSON object of a line, null when it is not one; a key given twice is refused. */
    private static JsonNode tree(String text, String where) {
        try {
            JsonNode n = STRICT.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            String duplicate = DuplicateKeys.key(e);
            if (duplicate != null) {
                throw new InvalidJournalException(where + ": key '" + duplicate + "' is given twice, so the line was "
                        + "edited: restore a backup or move the file away");
            }
            return null;
        }
    }

    /** Checks a checksummed line against the chain and returns its checksum, the next link. */
    private static String verified(String line, String previous, String where) {
        LineChecksum.Sealed sealed = LineChecksum.open(line);
        if (sealed == null) {
            throw new InvalidJournalException(where + ": has no checksum although the journal's lines carry them, so "
                    + "it was edited or inserted: restore a backup or move the file away");
        }
        if (!LineChecksum.of(previous, sealed.content()).equals(sealed.checksum())) {
            throw new InvalidJournalException(where + ": checksum mismatch: this line was edited, or lines before "
                    + "it were removed or reordered; restore a backup or move the file away");
        }
        return sealed.checksum();
    }

    /**
     * What a result is recorded under: the candidate, and its rung when a multi-fidelity schedule
     * evaluates it at several ({@code c000042@r1} is the result of c000042 at rung 1, whatever the id
     * of the evaluation that produced it).
     */
    private static String resultKey(Candidate c) {
        return c.fidelity() == null ? c.id() : c.fidelity().baseId() + "@r" + c.fidelity().rung();
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

    /** Writes the event's line (and forces it to disk) before the in-memory state counts it. */
    @Override
    protected void persist(JournalEvent e) {
        write(line(e));
    }

    private void write(ObjectNode n) {
        String content = n.toString();
        String checksum = lastChecksum == null ? null : LineChecksum.of(lastChecksum, content);
        String line = checksum == null ? content : LineChecksum.seal(content, checksum);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        long start;
        try {
            start = channel.size();
        } catch (IOException e) {
            throw JournalWriteException.appending(path, e);
        }
        try {
            long pos = start;
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            channel.force(true);
        } catch (IOException e) {
            try {
                // drop the partial line; if this fails too, resume skips it as a torn last line
                channel.truncate(start);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw JournalWriteException.appending(path, e);
        }
        if (checksum != null) {
            lastChecksum = checksum;
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
