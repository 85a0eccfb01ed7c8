package org.effnas.worker.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalJson;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.worker.graph.SavedClassNames;

/**
 * Checkpoints of multi-fidelity runs in one directory, normally {@code <experiment>/checkpoints}
 * (on the coordinator's disk in the embedded cluster, so any local worker resumes any promotion). Per
 * checkpoint: {@code <id>.zip}, DL4J's ModelSerializer format WITH the updater state, and
 * {@code <id>.json}, its step count and random-generator state. Both are written to a temporary name
 * and moved into place, the JSON last, so a checkpoint whose JSON exists is complete; a crash mid-write
 * leaves only temporary files, and the rung is simply run again. {@link #release} deletes both files
 * (the runner calls it once no promotion can need them).
 *
 * <p>For the cluster a checkpoint also has a <em>packed</em> form, one stream ({@link #openPacked},
 * {@link #receivePacked}): {@code EFFNASCK}, version 1, the JSON's length and bytes, the zip's length
 * and bytes. A received one is checked before it is kept: its JSON names this id, its sizes are bounded,
 * nothing follows the zip, and the zip holds only the entries ModelSerializer writes for a network
 * with its updater ({@link #MODEL_ENTRIES}: no normalizer or preprocessor, which DL4J would read with
 * Java deserialization).
 */
public final class CheckpointStore implements CheckpointRelease {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
    private static final byte[] MAGIC = "EFFNASCK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_JSON_BYTES = 64 * 1024;
    private static final long MAX_ZIP_BYTES = 1L << 30;
    /** The zip entries a received checkpoint may hold: ModelSerializer's network, parameters and updater. */
    public static final Set<String> MODEL_ENTRIES = Set.of(ModelSerializer.CONFIGURATION_JSON,
            ModelSerializer.COEFFICIENTS_BIN, ModelSerializer.UPDATER_BIN, ModelSerializer.NO_PARAMS_MARKER);

    private final Path dir;

    private CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public static CheckpointStore at(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoints: cannot create " + dir + ": " + e.getMessage(), e);
        }
        return new CheckpointStore(dir);
    }

    public Path directory() {
        return dir;
    }

    /** Writes a checkpoint (replacing one of the same id). */
    public void save(TrainingCheckpoint c) {
        Path zip = file(c.id(), ".zip");
        Path json = file(c.id(), ".json");
        try {
            Path tmpZip = Files.createTempFile(dir, ".ckpt", ".zip.tmp");
            ModelSerializer.writeModel(c.network(), tmpZip.toFile(), true);
            Files.move(tmpZip, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode n = EvalJson.MAPPER.createObjectNode();
            n.put("id", c.id());
            n.put("spec_key", c.specKey());
            n.put("seed", c.seed());
            n.put("steps", c.steps());
            n.put("rng_root_state", c.rootState());
            n.put("rng_node_state", c.nodeState());
            Path tmpJson = Files.createTempFile(dir, ".ckpt", ".json.tmp");
            Files.writeString(tmpJson, n.toString() + "\n");
            Files.move(tmpJson, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + c.id() + ": cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a complete checkpoint back, network with its updater state. */
    public TrainingCheckpoint load(String id) {
        Path json = file(id, ".json");
        Path zip = file(id, ".zip");
        if (!Files.isRegularFile(json) || !Files.isRegularFile(zip)) {
            throw new InvalidInputException("checkpoint " + id + ": not in " + dir + " (deleted, or its rung never "
                    + "finished writing); the promotion cannot continue it");
        }
        try {
            JsonNode n = EvalJson.MAPPER.readTree(Files.readString(json));
            SavedClassNames.register();
            ComputationGraph net = ModelSerializer.restoreComputationGraph(zip.toFile(), true);
            return new TrainingCheckpoint(n.path("id").asText(), n.path("spec_key").asText(), n.path("seed").asLong(),
                    n.path("steps").asLong(), n.path("rng_root_state").asLong(), n.path("rng_node_state").asLong(), net);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("checkpoint " + id + " in " + dir + ": unreadable (" + e.getMessage() + ")");
        }
    }

    /** Size of the packed form of a complete checkpoint. */
    public long packedSize(String id) throws IOException {
        return header(id).length + Files.size(complete(id, ".zip"));
    }

    /** The packed form of a complete checkpoint (header and JSON, then the zip, streamed from disk). */
    public InputStream openPacked(String id) throws IOException {
        byte[] header = header(id);
        return new SequenceInputStream(new ByteArrayInputStream(header), Files.newInputStream(complete(id, ".zip")));
    }

    private byte[] header(String id) throws IOException {
        byte[] json = Files.readAllBytes(complete(id, ".json"));
        ByteArrayOutputStream b = new ByteArrayOutputStream(json.length + 32);
        DataOutputStream out = new DataOutputStream(b);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(json.length);
        out.write(json);
        out.writeLong(Files.size(complete(id, ".zip")));
        out.flush();
        return b.toByteArray();
    }

    private Path complete(String id, String suffix) {
        if (!contains(id)) {
            throw new InvalidInputException("checkpoint " + id + ": not in " + dir);
        }
        return file(id, suffix);
    }

    /**
     * Writes a checkpoint from its packed form (another machine's), replacing one of the same id, after
     * reading the stream to its end and checking it (see the class comment); on any failure nothing of
     * it is kept.
     *
     * @throws IOException when the stream is not a packed checkpoint of {@code id}
     */
    public void receivePacked(String id, InputStream packed) throws IOException {
        Path zip = file(id, ".zip");
        Path json = file(id, ".json");
        Path tmpZip = Files.createTempFile(dir, ".ckpt", ".zip.tmp");
        Path tmpJson = Files.createTempFile(dir, ".ckpt", ".json.tmp");
        try {
            DataInputStream in = new DataInputStream(packed);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
                throw new IOException("checkpoint " + id + ": not a packed checkpoint (version " + VERSION + ")");
            }
            int jsonBytes = in.readInt();
            if (jsonBytes < 2 || jsonBytes > MAX_JSON_BYTES) {
                throw new IOException("checkpoint " + id + ": its JSON has " + jsonBytes + " bytes (at most "
                        + MAX_JSON_BYTES + ")");
            }
            byte[] meta = in.readNBytes(jsonBytes);
            JsonNode n = meta.length == jsonBytes ? EvalJson.MAPPER.readTree(meta) : null;
            if (n == null || !id.equals(n.path("id").asText()) || !n.path("steps").canConvertToLong()
                    || !n.path("spec_key").isTextual()) {
                throw new IOException("checkpoint " + id + ": its JSON does not describe this checkpoint");
            }
            long zipBytes = in.readLong();
            if (zipBytes < 0 || zipBytes > MAX_ZIP_BYTES) {
                throw new IOException("checkpoint " + id + ": a " + zipBytes + "-byte network (at most "
                        + MAX_ZIP_BYTES + ")");
            }
            try (OutputStream out = Files.newOutputStream(tmpZip)) {
                byte[] buf = new byte[1 << 16];
                for (long left = zipBytes; left > 0; ) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (r < 0) {
                        throw new IOException("checkpoint " + id + ": its network ends " + left + " bytes early");
                    }
                    out.write(buf, 0, r);
                    left -= r;
                }
            }
            if (in.read() != -1) {
                throw new IOException("checkpoint " + id + ": bytes follow its network");
            }
            checkEntries(id, tmpZip);
            Files.write(tmpJson, meta);
            Files.move(tmpZip, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpJson, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.EOFException e) {
            throw new IOException("checkpoint " + id + ": the packed form ends early");
        } finally {
            Files.deleteIfExists(tmpZip);
            Files.deleteIfExists(tmpJson);
        }
    }

    private static void checkEntries(String id, Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!MODEL_ENTRIES.contains(name)) {
                    throw new IOException("checkpoint " + id + ": its network holds '" + name.substring(0,
                            Math.min(60, name.length())) + "', not only " + MODEL_ENTRIES);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("checkpoint " + id + ": its network is not a zip (" + e.getMessage() + ")");
        }
    }

    public boolean contains(String id) {
        return Files.isRegularFile(file(id, ".json"));
    }

    @Override
    public void release(String id) {
        try {
            Files.deleteIfExists(file(id, ".json"));
            Files.deleteIfExists(file(id, ".zip"));
        } catch (IOException e) {
            // a checkpoint that cannot be deleted costs disk only: the search must not stop for it
        }
    }

    private Path file(String id, String suffix) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new InvalidInputException("checkpoint id '" + id + "': only letters, digits and _ . @ - are allowed");
        }
        return dir.resolve(id + suffix);
    }
}
