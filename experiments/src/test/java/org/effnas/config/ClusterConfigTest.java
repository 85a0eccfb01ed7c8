package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.effnas.cluster.config.ClusterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cluster:} lease keys: lease_timeout, heartbeat, max_attempts. */
class ClusterConfigTest {

    private static ClusterConfig cluster(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Path.of("."), "runs/test").cluster();
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.parse(yaml, "test.yaml", Path.of("."), "runs/test")).problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void readsTheLeaseKeysInEveryClusterMode(String mode) {
        ClusterConfig c = cluster("cluster: {mode: " + mode + ", lease_timeout: 2m, heartbeat: 10s, max_attempts: 5}\n");
        assertEquals(Duration.ofMinutes(2), c.leaseTimeout());
        assertEquals(Duration.ofSeconds(10), c.heartbeat());
        assertEquals(5, c.maxAttempts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void absentKeysGiveTheCoordinatorsDefaults(String mode) {
        ClusterConfig c = cluster("cluster: {mode: " + mode + "}\n");
        assertEquals(ClusterSettings.DEFAULT_LEASE_TIMEOUT, c.leaseTimeout());
        assertEquals(Duration.ofSeconds(5), c.heartbeat());
        assertEquals(ClusterSettings.DEFAULT_MAX_ATTEMPTS, c.maxAttempts());
    }

    @Test
    void heartbeatDefaultsToASixthOfTheGivenLeaseTimeoutAndRoundTrips() {
        ExperimentConfig c = ConfigLoader.parse("cluster: {mode: embedded, lease_timeout: 45s}\n", "test.yaml",
                Path.of("."), "runs/test");
        assertEquals(Duration.ofMillis(7_500), c.cluster().heartbeat());
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("heartbeat: 7.5s"), yaml);
        assertEquals(c, ConfigLoader.parse(yaml, "resolved.yaml", Path.of("."), "runs/test"));
    }

    @Test
    void localModeHasNoLeasesAndWritesNone() {
        ExperimentConfig c = ConfigLoader.parse("cluster: {mode: local}\n", "test.yaml", Path.of("."), "runs/test");
        assertNull(c.cluster().leaseTimeout());
        assertNull(c.cluster().heartbeat());
        assertNull(c.cluster().maxAttempts());
        assertTrue(!ConfigLoader.toYaml(c).contains("lease_timeout"), ConfigLoader.toYaml(c));
    }

    @Test
    void badValuesAreReportedTogetherWithTheirPath() {
        List<String> p = problems("""
                cluster: {mode: hazelcast, lease_timeout: 0.1s, heartbeat: soon, max_attempts: 0}
                seed: -1
                """);
        assertTrue(p.contains("cluster.lease_timeout: must be at least 0.2s, got 0.1s"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("cluster.heartbeat: expected a duration")), p.toString());
        assertTrue(p.contains("cluster.max_attempts: must be in [1, 100], got 0"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("seed:")), p.toString());
        assertEquals(List.of("cluster.max_attempts: must be in [1, 100], got 101"),
                problems("cluster: {mode: embedded, max_attempts: 101}\n"));
        assertEquals(List.of("cluster.heartbeat: must be at least 0.02s, got 0.01s"),
                problems("cluster: {mode: embedded, heartbeat: 0.01}\n"));
    }

    @Test
    void heartbeatAboveHalfTheLeaseTimeoutIsReportedAtHeartbeat() {
        assertEquals(List.of("cluster.heartbeat: must be at most half of cluster.lease_timeout (15s), got 20s; "
                        + "default: a sixth (5s)"),
                problems("cluster: {mode: embedded, heartbeat: 20s}\n"));
        assertEquals(List.of("cluster.heartbeat: must be at most half of cluster.lease_timeout (5s), got 6s; "
                        + "default: a sixth (1.666s)"),
                problems("cluster: {mode: hazelcast, lease_timeout: 10s, heartbeat: 6s}\n"));
        // exactly half is allowed, as ClusterSettings allows it
        assertEquals(Duration.ofSeconds(5), cluster("cluster: {mode: embedded, lease_timeout: 10s, heartbeat: 5s}\n").heartbeat());
    }

    @Test
    void aWrongLeaseTimeoutIsNotAlsoBlamedOnTheHeartbeat() {
        assertEquals(List.of("cluster.lease_timeout: expected a duration such as 90s, 15m or 1h30m (0 = no limit), got 'long'"),
                problems("cluster: {mode: embedded, lease_timeout: long, heartbeat: 20s}\n"));
    }

    @Test
    void leaseKeysWithLocalModeAreRefused() {
        List<String> p = problems("cluster: {lease_timeout: 1m, heartbeat: 10s, max_attempts: 2}\n");
        assertEquals(List.of(
                "cluster.lease_timeout: only applies to cluster.mode: embedded or hazelcast (mode is local)",
                "cluster.heartbeat: only applies to cluster.mode: embedded or hazelcast (mode is local)",
                "cluster.max_attempts: only applies to cluster.mode: embedded or hazelcast (mode is local)"), p);
    }

    @Test
    void misspeltLeaseKeyGetsASuggestion() {
        List<String> p = problems("cluster: {mode: embedded, lease_timout: 1m}\n");
        assertEquals(List.of("cluster.lease_timout: unknown key, did you mean lease_timeout?"), p);
    }

    @Test
    void onCoordinatorKeepsTheLeasesAndGivesALocalConfigTheDefaults() {
        ClusterConfig embedded = cluster("cluster: {mode: embedded, lease_timeout: 1m, max_attempts: 7}\n");
        ClusterConfig coordinator = embedded.onCoordinator("127.0.0.1:5702", null);
        assertEquals(ClusterMode.HAZELCAST, coordinator.mode());
        assertEquals("127.0.0.1:5702", coordinator.bind());
        assertEquals(Duration.ofMinutes(1), coordinator.leaseTimeout());
        assertEquals(Duration.ofSeconds(10), coordinator.heartbeat());
        assertEquals(7, coordinator.maxAttempts());
        ClusterConfig fromLocal = new ClusterConfig(ClusterMode.LOCAL, 0, null, null, null, null, null)
                .onCoordinator("127.0.0.1:5701", null);
        assertEquals(ClusterSettings.DEFAULT_LEASE_TIMEOUT, fromLocal.leaseTimeout());
        assertEquals(ClusterSettings.DEFAULT_MAX_ATTEMPTS, fromLocal.maxAttempts());
    }
}
