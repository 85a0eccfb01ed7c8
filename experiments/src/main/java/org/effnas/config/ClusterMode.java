package org.effnas.config;

import org.effnas.SettingChoice;

/** Where evaluations run: see {@link ClusterConfig}. */
public enum ClusterMode implements SettingChoice {
    /** Threads in this JVM. */
    LOCAL,
    /** A Hazelcast cluster of workers started in this JVM: the code path of a real cluster. */
    EMBEDDED,
    /** A coordinator that remote {@code effnas worker}s join. */
    HAZELCAST;

    @Override
    public String toString() {
        return text();
    }
}
