package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.effnas.SettingChoice;

/** Where evaluations run: see {@link ClusterConfig}. */
public enum ClusterMode implements SettingChoice {
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
    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    public static List<String> names() {
        return SettingChoice.names(ClusterMode.class);
    }

    /** Parses a name already checked against {@link #names()} (by the config reader). */
    static ClusterMode of(String name) {
        return SettingChoice.parse(ClusterMode.class, "cluster mode", "mode", name);
    }
}
