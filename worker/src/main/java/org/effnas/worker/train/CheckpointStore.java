package org.effnas.worker.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
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
 */
public final class CheckpointStore implements CheckpointRelease {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

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
