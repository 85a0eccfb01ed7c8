package org.effnas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where evaluations run.
 *
 * @param mode            {@code local} (threads in this JVM), {@code embedded} (a Hazelcast cluster
 *                        of {@code embeddedWorkers} members started in this JVM: the same code path as
 *                        a real cluster) or {@code hazelcast} (a coordinator on {@code bind} that
 *                        remote {@code effnas worker}s join)
 * @param bind            host:port the coordinator binds to; loopback unless you mean otherwise
 * @param hazelcastConfig a Hazelcast XML/YAML file for anything else (discovery, TLS), or null
 */
public record ClusterConfig(String mode, int embeddedWorkers, String bind, String hazelcastConfig) {

    public static final List<String> MODES = List.of("local", "embedded", "hazelcast");

    public static ClusterConfig local() {
        return new ClusterConfig("local", 0, null, null);
    }

    static ClusterConfig read(ConfigSection s, Path base) {
        String mode = s.choice("mode", "local", MODES);
        boolean hasWorkers = s.has("embedded_workers");
        int workers = s.integer("embedded_workers", mode.equals("embedded") ? 2 : 0, 0, 64);
        if (mode.equals("embedded") && workers < 1) {
            s.problem("embedded_workers", "must be >= 1 when cluster.mode is embedded, got " + workers);
        } else if (!mode.equals("embedded") && hasWorkers && workers > 0) {
            s.problem("embedded_workers", "only applies to cluster.mode: embedded (mode is " + mode + ")");
        }
        String bind = s.string("bind", mode.equals("hazelcast") ? "127.0.0.1:5701" : null);
        if (bind != null) {
            if (!mode.equals("hazelcast")) {
                s.problem("bind", "only applies to cluster.mode: hazelcast (mode is " + mode + ")");
            } else if (!bind.matches("[^:\\s]+:[0-9]{1,5}") || Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1)) > 65535) {
                s.problem("bind", "expected host:port such as 127.0.0.1:5701, got '" + bind + "'");
            }
        }
        String hz = s.string("hazelcast_config", null);
        if (hz != null) {
            Path p = base.resolve(hz);
            if (!Files.isRegularFile(p)) {
                s.problem("hazelcast_config", "no such file " + p);
            } else {
                hz = p.toString();
            }
        }
        return new ClusterConfig(mode, workers, bind, hz);
    }
}
