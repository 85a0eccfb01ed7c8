package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** Where evaluations run: see {@link ClusterConfig}. */
public enum ClusterMode {
    /** Threads in this JVM. */
    LOCAL("local"),
    /** A Hazelcast cluster of workers started in this JVM: the code path of a real cluster. */
    EMBEDDED("embedded"),
    /** A coordinator that remote {@code effnas worker}s join. */
    HAZELCAST("hazelcast");

    private final String text;

    ClusterMode(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ClusterMode::text).toList();
    }

    /** Parses a name already checked against {@link #names()} (by the config reader). */
    static ClusterMode of(String name) {
        return Arrays.stream(values()).filter(m -> m.text.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown cluster mode " + name));
    }
}
