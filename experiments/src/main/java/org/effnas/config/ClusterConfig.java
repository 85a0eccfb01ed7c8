package org.effnas.config;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.effnas.cluster.config.ClusterSettings;

/**
 * Where evaluations run.
 *
 * @param mode            {@code local} (threads in this JVM), {@code embedded} (a Hazelcast cluster
 *                        of {@code embeddedWorkers} members started in this JVM: the same code path as
 *                        a real cluster) or {@code hazelcast} (a coordinator on {@code bind} that
 *                        remote {@code effnas worker}s join)
 * @param bind            host:port the coordinator binds to; loopback unless you mean otherwise
 * @param hazelcastConfig a Hazelcast XML/YAML file for anything else (discovery, TLS), or null
 * @param leaseTimeout    a lease with no heartbeat for this long is expired and its candidate re-issued;
 *                        null in {@code local} mode (no leases there), else 30 s unless set
 * @param heartbeat       how often workers heartbeat their leases; null in {@code local} mode, else
 *                        a sixth of the lease timeout unless set
 * @param maxAttempts     attempts per candidate (the first included) before it is recorded as failed;
 *                        null in {@code local} mode, else 3 unless set
 */
public record ClusterConfig(ClusterMode mode, int embeddedWorkers, String bind, String hazelcastConfig,
                            @JsonSerialize(using = DurationText.class) Duration leaseTimeout,
                            @JsonSerialize(using = DurationText.class) Duration heartbeat,
                            Integer maxAttempts) {

    /** ClusterSettings' own bounds, so a config that loads never fails when the cluster starts. */
    static final Duration MIN_LEASE_TIMEOUT = Duration.ofMillis(200);
    static final Duration MIN_HEARTBEAT = Duration.ofMillis(20);
    static final int MAX_ATTEMPTS_LIMIT = 100;

    /** Fills the lease settings a cluster mode needs with the coordinator's defaults. */
    public ClusterConfig {
        if (mode != ClusterMode.LOCAL) {
            leaseTimeout = leaseTimeout != null ? leaseTimeout : ClusterSettings.DEFAULT_LEASE_TIMEOUT;
            heartbeat = heartbeat != null ? heartbeat : ClusterSettings.defaultHeartbeat(leaseTimeout);
            maxAttempts = maxAttempts != null ? maxAttempts : ClusterSettings.DEFAULT_MAX_ATTEMPTS;
        }
    }

    /**
     * This cluster config turned into a coordinator's ({@code effnas coordinator}): mode
     * {@code hazelcast} on {@code newBind}, keeping the lease settings (defaults when this was local).
     */
    public ClusterConfig onCoordinator(String newBind, String newHazelcastConfig) {
        return new ClusterConfig(ClusterMode.HAZELCAST, 0, newBind, newHazelcastConfig, leaseTimeout, heartbeat, maxAttempts);
    }

    static ClusterConfig read(ConfigSection s, Path base) {
        ClusterMode mode = s.choice("mode", ClusterMode.LOCAL, ClusterMode.class);
        boolean hasWorkers = s.has("embedded_workers");
        int workers = s.integer("embedded_workers", mode == ClusterMode.EMBEDDED ? 2 : 0, 0, 64);
        if (mode == ClusterMode.EMBEDDED && workers < 1) {
            s.problem("embedded_workers", "must be >= 1 when cluster.mode is embedded, got " + workers);
        } else if (mode != ClusterMode.EMBEDDED && hasWorkers && workers > 0) {
            s.problem("embedded_workers", "only applies to cluster.mode: embedded (mode is " + mode + ")");
        }
        String bind = s.string("bind", mode == ClusterMode.HAZELCAST ? "127.0.0.1:5701" : null);
        if (bind != null) {
            if (mode != ClusterMode.HAZELCAST) {
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
        if (mode == ClusterMode.LOCAL) {
            s.onlyWith(List.of("lease_timeout", "heartbeat", "max_attempts"),
                    "cluster.mode: embedded or hazelcast (mode is local)");
            return new ClusterConfig(mode, workers, bind, hz, null, null, null);
        }
        Duration lease = s.duration("lease_timeout", null);
        if (lease != null && lease.compareTo(MIN_LEASE_TIMEOUT) < 0) {
            s.problem("lease_timeout", "must be at least " + Quantities.formatDuration(MIN_LEASE_TIMEOUT)
                    + ", got " + Quantities.formatDuration(lease));
            lease = null;
        }
        // a lease timeout that was given but is wrong: leave the heartbeat unchecked rather than
        // measure it against a default the user did not ask for
        boolean leaseKnown = lease != null || !s.has("lease_timeout");
        lease = lease != null ? lease : ClusterSettings.DEFAULT_LEASE_TIMEOUT;
        Duration heartbeat = s.duration("heartbeat", null);
        if (heartbeat != null && heartbeat.compareTo(MIN_HEARTBEAT) < 0) {
            s.problem("heartbeat", "must be at least " + Quantities.formatDuration(MIN_HEARTBEAT)
                    + ", got " + Quantities.formatDuration(heartbeat));
            heartbeat = null;
        } else if (heartbeat != null && leaseKnown && heartbeat.compareTo(lease.dividedBy(2)) > 0) {
            s.problem("heartbeat", "must be at most half of cluster.lease_timeout ("
                    + Quantities.formatDuration(lease.dividedBy(2)) + "), got " + Quantities.formatDuration(heartbeat)
                    + "; default: a sixth (" + Quantities.formatDuration(ClusterSettings.defaultHeartbeat(lease)) + ")");
            heartbeat = null;
        }
        int attempts = s.integer("max_attempts", ClusterSettings.DEFAULT_MAX_ATTEMPTS, 1, MAX_ATTEMPTS_LIMIT);
        return new ClusterConfig(mode, workers, bind, hz, lease, heartbeat, attempts);
    }
}
