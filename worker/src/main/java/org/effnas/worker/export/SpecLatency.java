package org.effnas.worker.export;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.train.InferenceSpeed;
import org.effnas.worker.train.LatencyProbe;
import org.effnas.worker.train.LatencySettings;

/**
 * The measured latency of a spec before it is trained: the network built with random weights (the
 * cost of a forward pass does not depend on the weights' values) and timed by one engine. Each
 * distinct spec is measured once; its full timing stays available for printing.
 */
public final class SpecLatency {

    private final ImageClassifier.Engine engine;
    private final LatencyProbe probe;
    private final Map<String, InferenceSpeed> measured = new HashMap<>();

    private SpecLatency(ImageClassifier.Engine engine, LatencySettings settings) {
        this.engine = engine;
        this.probe = LatencyEngines.probe(engine, settings);
    }

    public static SpecLatency of(ImageClassifier.Engine engine, LatencySettings settings) {
        NativeBackend.prepare();
        return new SpecLatency(java.util.Objects.requireNonNull(engine, "engine"), settings);
    }

    public ImageClassifier.Engine engine() {
        return engine;
    }

    /** The timing of {@code spec} (measured on first call). */
    public synchronized InferenceSpeed speed(ArchSpec spec) {
        return measured.computeIfAbsent(BlockStrings.canonical(spec), k -> {
            ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(1));
            return probe.measure(net, spec.inChannels(), spec.resolution());
        });
    }

    /** Median milliseconds at batch 1. */
    public double latencyMs(ArchSpec spec) {
        return speed(spec).latencyMs();
    }
}
