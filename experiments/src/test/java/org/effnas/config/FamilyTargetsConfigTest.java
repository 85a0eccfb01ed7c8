package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The family's cost targets and the latency section, as the config reads and writes them. */
class FamilyTargetsConfigTest {

    static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "t.yaml", Path.of("."), "runs/t");
    }

    static String problems(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void targetsReadWithSuffixesAndRoundTripWithoutThePhiRange() {
        ExperimentConfig c = parse("evaluator: surrogate\nfamily: {target_macs: [50M, 1.5G, 400000]}\n");
        assertEquals(List.of(50_000_000L, 1_500_000_000L, 400_000L), c.family().targetMacs());
        assertTrue(c.family().targeted());
        String yaml = ConfigLoader.toYaml(c);
        assertFalse(yaml.contains("phi_min") || yaml.contains("phi_max"), yaml);
        assertEquals(c, parse(yaml));
        ExperimentConfig l = parse("evaluator: surrogate\nfamily: {target_latency_ms: [2, 5.5]}\n");
        assertEquals(List.of(2.0, 5.5), l.family().targetLatencyMs());
        assertEquals(l, parse(ConfigLoader.toYaml(l)));
        ExperimentConfig range = parse("evaluator: surrogate\n");
        assertFalse(range.family().targeted());
        assertTrue(ConfigLoader.toYaml(range).contains("phi_max: 3"));
    }

    @Test
    void bothTargetsOrTargetsWithAPhiRangeAreRefusedNamingTheKeys() {
        String both = problems("evaluator: surrogate\nfamily: {target_macs: [50M], target_latency_ms: [5]}\n");
        assertTrue(both.contains("family.target_macs: give family.target_macs or family.target_latency_ms, not both"),
                both);
        String range = problems("evaluator: surrogate\nfamily: {target_macs: [50M], phi_max: 4}\n");
        assertTrue(range.contains("family.phi_max: not with family.target_macs"), range);
        String bad = problems("evaluator: surrogate\nfamily: {target_latency_ms: [5, -1]}\n");
        assertTrue(bad.contains("family.target_latency_ms: every target must be a positive number"), bad);
        String word = problems("evaluator: surrogate\nfamily: {target_macs: [lots]}\n");
        assertTrue(word.contains("family.target_macs: every target must be a positive count"), word);
    }

    @Test
    void latencySectionIsValidatedAndRoundTrips() {
        ExperimentConfig c = parse("evaluator: surrogate\nlatency: {engine: dl4j, threads: 2, batch: 8, runs: 7, "
                + "warmup: 3}\n");
        assertEquals(new LatencyConfig(LatencyEngine.DL4J, 2, 8, 7, 3), c.latency());
        assertEquals(c, parse(ConfigLoader.toYaml(c)));
        assertEquals(LatencyEngine.AUTO, parse("evaluator: surrogate\n").latency().engine());
        String bad = problems("evaluator: surrogate\nlatency: {engine: tensorrt, batch: 0}\n");
        assertTrue(bad.contains("latency.engine: must be one of auto, onnxruntime, dl4j"), bad);
        assertTrue(bad.contains("latency.batch: must be in [1, 1024]"), bad);
    }
}
