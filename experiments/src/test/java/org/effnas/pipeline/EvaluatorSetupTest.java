package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coordinator settings an experiment config's {@code cluster:} section turns into. */
class EvaluatorSetupTest {

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse("evaluator: surrogate\n" + yaml, "test.yaml", Path.of("."), "runs/test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void theConfigsLeasesReachTheClusterSettings(String mode) {
        ClusterSettings s = EvaluatorSetup.clusterSettings(
                parse("cluster: {mode: " + mode + ", lease_timeout: 90s, heartbeat: 0.5s, max_attempts: 9}\n"), "exp1");
        assertEquals(Duration.ofSeconds(90), s.leaseTimeout());
        assertEquals(Duration.ofMillis(500), s.heartbeat());
        assertEquals(9, s.maxAttempts());
        assertEquals("surrogate", s.evaluatorKind());
        assertEquals("effnas-exp1", s.clusterName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void withoutTheKeysTheSettingsAreTheCoordinatorsDefaults(String mode) {
        ClusterSettings s = EvaluatorSetup.clusterSettings(parse("cluster: {mode: " + mode + "}\n"), "exp1");
        ClusterSettings defaults = ClusterSettings.of("effnas-exp1", "surrogate");
        assertEquals(defaults.leaseTimeout(), s.leaseTimeout());
        assertEquals(defaults.heartbeat(), s.heartbeat());
        assertEquals(defaults.maxAttempts(), s.maxAttempts());
    }

    @Test
    void aCoordinatorAlsoGetsTheConfigsBindAddress() {
        ClusterSettings s = EvaluatorSetup.clusterSettings(
                parse("cluster: {mode: hazelcast, bind: '127.0.0.1:5799', lease_timeout: 1m}\n"), "exp2");
        assertEquals(HostPort.of("127.0.0.1", 5799), s.bind());
        assertEquals(Duration.ofSeconds(10), s.heartbeat());
    }

    @Test
    void localModeHasNoClusterSettings() {
        assertThrows(IllegalArgumentException.class, () -> EvaluatorSetup.clusterSettings(parse(""), "exp3"));
    }
}
