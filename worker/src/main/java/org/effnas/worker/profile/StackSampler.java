package org.effnas.worker.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small sampling profiler for one thread: every few milliseconds it takes the thread's stack and
 * files the sample under the DL4J layer or vertex class running (or "other"), the phase (forward,
 * backward, optimizer update, data) and whether the top frame is native (ND4J / oneDNN kernels) or
 * Java. Safepoint-biased like any {@code getStackTrace} sampler, so figures are shares, not exact.
 */
public final class StackSampler implements AutoCloseable {

    private final Thread target;
    private final Thread sampler;
    private final Map<String, Integer> byLayer = new TreeMap<>();
    private final Map<String, Integer> byPhase = new TreeMap<>();
    private int nativeSamples;
    private int total;
    private volatile boolean running = true;

    /** Starts sampling {@code target} every {@code intervalMillis}. */
    public StackSampler(Thread target, long intervalMillis) {
        this.target = target;
        this.sampler = new Thread(() -> loop(intervalMillis), "effnas-stack-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    private void loop(long intervalMillis) {
        while (running) {
            StackTraceElement[] stack = target.getStackTrace();
            if (stack.length > 0) {
                record(stack);
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(StackTraceElement[] stack) {
        String phase = "other";
        String layer = "other";
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (layer.equals("other") && (c.startsWith("org.deeplearning4j.nn.layers.")
                    || c.startsWith("org.deeplearning4j.nn.graph.vertex.impl.") || c.startsWith("org.effnas.worker.graph.")
                    || c.startsWith("org.effnas.worker.batchnorm."))
                    && !c.endsWith("LayerVertex")) {
                layer = c.substring(c.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
            }
            if (m.contains("backprop") || m.equals("calcBackpropGradients") || m.equals("doBackward")) {
                phase = "backward";
            } else if (phase.equals("other") && (c.contains("Updater") || c.contains("updater")
                    || c.contains("StepFunction"))) {
                phase = "update";
            } else if (phase.equals("other") && (m.equals("doForward") || m.equals("ffToLayerActivationsInWs")
                    || m.equals("activate"))) {
                phase = "forward";
            } else if (phase.equals("other") && c.startsWith("org.effnas.data.")) {
                phase = "data";
            }
        }
        byLayer.merge(phase + " " + layer, 1, Integer::sum);
        byPhase.merge(phase, 1, Integer::sum);
        if (stack[0].isNativeMethod()) {
            nativeSamples++;
        }
        total++;
    }

    /** Share of samples per "phase layer-class", largest first. */
    public synchronized Map<String, Double> layerShares() {
        return shares(byLayer);
    }

    /** Share of samples per phase (forward, backward, update, data, other). */
    public synchronized Map<String, Double> phaseShares() {
        return shares(byPhase);
    }

    /** Share of samples whose top frame is a native method. */
    public synchronized double nativeShare() {
        return total == 0 ? Double.NaN : (double) nativeSamples / total;
    }

    public synchronized int samples() {
        return total;
    }

    private Map<String, Double> shares(Map<String, Integer> counts) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> out.put(e.getKey(), (double) e.getValue() / Math.max(1, total)));
        return out;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
