package org.effnas.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.InvalidSettingException;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;

/**
 * Results shared across experiments: a directory of JSON-lines files, sharded by the first two hex
 * digits of the {@link CacheKey} hash ({@code ab.jsonl}). Only successful results are stored. Appends
 * take an exclusive file lock, so several effnas processes can share one cache; a line that does not
 * parse (a torn write) is skipped, because the cache is an optimisation, never the record (the journal is).
 */
public final class ResultCache {

    /** Largest cache file read back (the journal's bound). */
    private static final long MAX_BYTES = 1L << 30;
    private static final ObjectReader STRICT = EvalJson.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path dir;
    private final Map<String, Map<String, EvalResult>> shards = new HashMap<>();

    private ResultCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in this directory (created on first store). */
    public static ResultCache at(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidSettingException("cache directory", dir + " is not a directory; give a directory path");
        }
        return new ResultCache(dir);
    }

    /** {@code $XDG_CACHE_HOME/effnas}, else {@code ~/.cache/effnas}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("effnas");
    }

    /** The stored result for a key, if any (the newest when stored more than once). */
    public synchronized Optional<EvalResult> lookup(CacheKey key) {
        String hash = key.hash();
        return Optional.ofNullable(shard(hash.substring(0, 2)).get(hash));
    }

    /** Stores a successful result under a key; failures are not cached (they may be transient). */
    public synchronized void store(CacheKey key, EvalResult result) {
        if (!result.ok()) {
            return;
        }
        String hash = key.hash();
        String shardName = hash.substring(0, 2);
        ObjectNode line = EvalJson.MAPPER.createObjectNode();
        line.put("key", hash);
        line.put("spec_key", key.specKey());
        line.put("evaluator", key.evaluatorKind());
        line.put("dataset", key.dataset());
        line.put("seed", key.seed());
        line.set("result", EvalJson.result(result));
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(shardName + ".jsonl"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock ignored = ch.lock()) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("result cache " + dir + ": cannot write (" + e.getMessage()
                    + "); choose another cache directory", e);
        }
        shard(shardName).put(hash, result);
    }

    private Map<String, EvalResult> shard(String name) {
        return shards.computeIfAbsent(name, this::load);
    }

    private Map<String, EvalResult> load(String name) {
        Map<String, EvalResult> out = new HashMap<>();
        Path file = dir.resolve(name + ".jsonl");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return out; // a cache too large to be ours costs at most re-evaluations
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode n = STRICT.readTree(lines.get(i)); // a key given twice: the line is skipped
                EvalResult r = EvalJson.result(n.get("result"), file.getFileName() + " line " + (i + 1));
                out.put(n.get("key").asText(), r);
            } catch (IOException | RuntimeException skipped) {
                // A torn or foreign line costs at most a re-evaluation; the journal is the record.
            }
        }
        return out;
    }
}
