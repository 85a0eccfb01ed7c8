package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coordinator settings an experiment config's {@code cluster:} section turns into. */
class EvaluatorSetupTest {

    private static final ClusterCredentials CREDENTIALS = ClusterCredentials.generate("effnas-test");

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse("evaluator: surrogate\n" + yaml, "test.yaml", Path.of("."), "runs/test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void theConfigsLeasesReachTheClusterSettings(String mode) {
        ClusterSettings s = EvaluatorSetup.clusterSettings(
                parse("cluster: {mode: " + mode + ", lease_timeout: 90s, heartbeat: 0.5s, max_attempts: 9}\n"), CREDENTIALS);
        assertEquals(Duration.ofSeconds(90), s.leaseTimeout());
        assertEquals(Duration.ofMillis(500), s.heartbeat());
        assertEquals(9, s.maxAttempts());
        assertEquals("surrogate", s.evaluatorKind());
        assertEquals(CREDENTIALS.clusterName(), s.clusterName());
        assertEquals(CREDENTIALS.secret(), s.secret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "hazelcast"})
    void withoutTheKeysTheSettingsAreTheCoordinatorsDefaults(String mode) {
        ClusterSettings s = EvaluatorSetup.clusterSettings(parse("cluster: {mode: " + mode + "}\n"), CREDENTIALS);
        ClusterSettings defaults = ClusterSettings.of(CREDENTIALS.clusterName(), "surrogate");
        assertEquals(defaults.leaseTimeout(), s.leaseTimeout());
        assertEquals(defaults.heartbeat(), s.heartbeat());
        assertEquals(defaults.maxAttempts(), s.maxAttempts());
    }

    /** A cached result is only served to a run that measures it the same way (see CacheKey). */
    @Test
    void theDatasetIdentityNamesHowLatencyIsMeasured() {
        String data = "dataset: {name: fashion-mnist}\ntraining: {subset: 200}\n";
        String macs = EvaluatorSetup.datasetId(parse(data));
        String latency = "reward: {cost: latency, target_latency_ms: 5}\n";
        String ort = EvaluatorSetup.datasetId(parse(data + latency + "latency: {engine: onnxruntime}\n"));
        String dl4j = EvaluatorSetup.datasetId(parse(data + latency + "latency: {engine: dl4j}\n"));
        String dl4jBatch8 = EvaluatorSetup.datasetId(parse(data + latency + "latency: {engine: dl4j, batch: 8}\n"));
        assertTrue(ort.startsWith(macs), ort);
        assertEquals(4, java.util.Set.of(macs, ort, dl4j, dl4jBatch8).size(), String.join(" | ", macs, ort, dl4j, dl4jBatch8));
    }

    @Test
    void aCoordinatorAlsoGetsTheConfigsBindAddress() {
        ClusterSettings s = EvaluatorSetup.clusterSettings(
                parse("cluster: {mode: hazelcast, bind: '127.0.0.1:5799', lease_timeout: 1m}\n"), CREDENTIALS);
        assertEquals(HostPort.of("127.0.0.1", 5799), s.bind());
        assertEquals(Duration.ofSeconds(10), s.heartbeat());
    }

    @Test
    void theFingerprintNamesTheRecipeAndNotTheBudgetOrCluster() {
        var a = EvaluatorSetup.fingerprint(parse("training: {epochs: 2}\nstrategy: {budget: {evaluations: 5}}\n"),
                device -> null);
        var b = EvaluatorSetup.fingerprint(parse("training: {epochs: 3}\nstrategy: {budget: {evaluations: 50}}\n"
                + "cluster: {mode: embedded}\n"), device -> null);
        assertEquals(java.util.List.of("training.epochs"), a.differences(b));
        assertEquals("surrogate", a.get("evaluator.kind"));
        assertEquals(org.effnas.version.CodeVersion.current(), a.get("evaluator.version"));
    }

    @Test
    void localModeHasNoClusterSettings() {
        assertThrows(IllegalArgumentException.class, () -> EvaluatorSetup.clusterSettings(parse(""), CREDENTIALS));
    }
}
