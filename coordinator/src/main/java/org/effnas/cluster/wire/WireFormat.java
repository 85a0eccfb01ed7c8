package org.effnas.cluster.wire;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import java.util.List;

/**
 * Everything that crosses the network, and the serialization rules that keep it safe: every type is
 * registered with an explicit Compact serializer and type name, and Java deserialization is
 * restricted to Hazelcast's own classes and the JDK (nothing of ours is ever Java-serialized).
 */
public final class WireFormat {

    /** The queue of tasks workers take from. */
    public static final String TASKS = "effnas.tasks";
    /** The queue of results workers offer to. */
    public static final String RESULTS = "effnas.results";
    /** Worker id to its latest {@link WorkerHeartbeat}. */
    public static final String WORKERS = "effnas.workers";
    /** One entry, {@link #STATUS_KEY}, holding the {@link ExperimentStatus}. */
    public static final String CONTROL = "effnas.control";
    public static final String STATUS_KEY = "status";
    /** Checkpoint chunks workers send after a rung, {@code lease/index} to {@link CheckpointChunk}. */
    public static final String CHECKPOINT_UPLOADS = "effnas.checkpoints.uploads";
    /** Checkpoints of promotions in flight, {@code checkpoint/index} to {@link CheckpointChunk}. */
    public static final String CHECKPOINTS = "effnas.checkpoints";

    private WireFormat() {
    }

    /** The explicit serializers of every wire type. */
    public static List<CompactSerializer<?>> serializers() {
        return List.of(new TaskMessage.Serializer(), new ResultMessage.Serializer(),
                new WorkerHeartbeat.Serializer(), new ExperimentStatus.Serializer(),
                new TrainingSettingsSerializer(), new ProvenanceSerializer(), new EvalResultSerializer(),
                new CheckpointDigest.Serializer(), new CheckpointChunk.Serializer());
    }

    /**
     * Registers the serializers and the Java deserialization filter on a member's or client's
     * serialization config (loaded from a file or not: ours are added on top).
     */
    public static void apply(SerializationConfig config) {
        for (CompactSerializer<?> s : serializers()) {
            config.getCompactSerializationConfig().addSerializer(s);
        }
        // Only Hazelcast's defaults (its own classes, java.*, arrays) may be Java-deserialized; our
        // packages are blacklisted explicitly so no effnas type can ever arrive that way.
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig()
                .setDefaultsDisabled(false)
                .setBlacklist(new ClassFilter().addPrefixes("org.effnas."));
        config.setJavaSerializationFilterConfig(filter);
        config.setAllowUnsafe(false);
    }
}
