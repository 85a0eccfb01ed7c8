package org.effnas.worker.nhwc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the NHWC engine's training steps spend their time, measured around every primitive and every
 * piece of Java work (so nothing is sampled and nothing is left out): by phase (forward, backward,
 * update), by phase and layer kind, native (oneDNN) against Java, and the weight reorders, which are
 * the engine's only layout conversions besides the input batch's.
 */
public final class NhwcProfile {

    private final Map<String, Long> byKind = new TreeMap<>();
    private final Map<String, Long> byPhase = new LinkedHashMap<>();
    private long nativeNanos;
    private long javaNanos;
    private long reorderNanos;
    private long reorders;
    private int steps;

    NhwcProfile() {
        for (String phase : new String[] {"forward", "backward", "update"}) {
            byPhase.put(phase, 0L);
        }
    }

    void primitive(String phase, String kind, long nanos) {
        add(phase, kind, nanos);
        nativeNanos += nanos;
        if (kind.equals("weight_reorder") || kind.equals("input_reorder")) {
            reorderNanos += nanos;
            reorders++;
        }
    }

    void java(String phase, String kind, long nanos) {
        add(phase, kind + " (java)", nanos);
        javaNanos += nanos;
    }

    void endStep() {
        steps++;
    }

    private void add(String phase, String kind, long nanos) {
        byKind.merge(phase + " " + kind, nanos, Long::sum);
        byPhase.merge(phase, nanos, Long::sum);
    }

    /** Shares of the measured time by phase: forward, backward, update. */
    public Map<String, Double> phaseShares() {
        return shares(byPhase);
    }

    /** Shares of the measured time by phase and layer kind ("backward depthwise", "update adam... (java)"). */
    public Map<String, Double> layerShares() {
        return shares(byKind);
    }

    /** The share of the measured time spent in oneDNN primitives. */
    public double nativeShare() {
        return nativeNanos / (double) Math.max(1, nativeNanos + javaNanos);
    }

    /** Layout conversions (weights into and out of the kernels' formats, the input batch) per step. */
    public double reordersPerStep() {
        return reorders / (double) Math.max(1, steps);
    }

    /** Milliseconds of those conversions per step. */
    public double reorderMsPerStep() {
        return reorderNanos / 1e6 / Math.max(1, steps);
    }

    /** The share of the measured time those conversions take. */
    public double reorderShare() {
        return reorderNanos / (double) Math.max(1, nativeNanos + javaNanos);
    }

    public int steps() {
        return steps;
    }

    private Map<String, Double> shares(Map<String, Long> nanos) {
        double total = Math.max(1, nativeNanos + javaNanos);
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue() / total));
        return out;
    }
}
