package org.effnas.worker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.train.InferenceSpeed;
import org.effnas.worker.train.LatencySettings;
import org.effnas.worker.train.LatencyStats;
import org.junit.jupiter.api.Test;

/** Both latency engines on one network: ordered spread, the settings honoured and named in the facts. */
class LatencyProbeTest {

    @Test
    void eachEngineTimesBatchOneAndTheConfiguredBatch() {
        ArchSpec spec = Architectures.resolve("effnas-mini");
        ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(7));
        LatencySettings s = new LatencySettings(1, 4, 2, 7);
        for (ImageClassifier.Engine engine : ImageClassifier.Engine.values()) {
            InferenceSpeed speed = LatencyEngines.probe(engine, s).measure(net, spec.inChannels(), spec.resolution());
            assertEquals(engine.id(), speed.engine());
            assertEquals(1, speed.single().batch());
            assertEquals(4, speed.batched().batch());
            assertEquals(7, speed.single().runs());
            for (LatencyStats t : new LatencyStats[] {speed.single(), speed.batched()}) {
                assertTrue(t.minMs() > 0 && t.minMs() <= t.p10Ms() && t.p10Ms() <= t.medianMs()
                        && t.medianMs() <= t.p90Ms() && t.p90Ms() <= t.maxMs(), t.toString());
            }
            assertTrue(speed.facts().startsWith("engine=" + engine.id() + " threads=") && speed.facts()
                    .contains(" batch=1 runs=7 ") && speed.facts().contains(" batch4_median_ms=")
                    && speed.facts().contains(" cpu="), speed.facts());
        }
        assertTrue(LatencyEngines.onnxRuntimeLoads());
        assertEquals(ImageClassifier.Engine.ONNXRUNTIME, LatencyEngines.resolve(null, line -> { }));
    }

    @Test
    void quantilesInterpolateBetweenSortedRuns() {
        LatencyStats t = LatencyStats.of(1, new double[] {5, 1, 3, 2, 4});
        assertEquals(3, t.medianMs(), 1e-12);
        assertEquals(1.4, t.p10Ms(), 1e-12);
        assertEquals(4.6, t.p90Ms(), 1e-12);
        assertEquals(1, t.minMs(), 1e-12);
        assertEquals(5, t.maxMs(), 1e-12);
    }
}
