package org.effnas.worker.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What oneDNN's verbose mode said about the timed training steps of a {@link OneDnnVerboseRun}: per
 * primitive kind (convolution, reorder, ...) how many it executed and how many milliseconds they took,
 * averaged per step, and the layout conversions the reorders made. Verbose mode prints one line per
 * executed primitive and slows each step a little, so the step time here is longer than an
 * unprofiled one; the counts are exact.
 *
 * <p>oneDNN 2.x writes {@code dnnl_verbose,exec,cpu,KIND,IMPL,PROP,MEMORY,ATTRS,AUX,PROBLEM,MS}
 * (later versions {@code onednn_verbose}, optionally with a timestamp after the prefix); only
 * {@code exec} lines between a {@value #STEP_MARK} line and the step's {@value #STEP_END} line count.
 *
 * @param version      oneDNN's version line ({@code oneDNN v2.3.0 (commit ...)}), or "unknown"
 * @param isa          the instruction set oneDNN dispatched to, or "unknown"
 * @param steps        timed steps seen
 * @param stepMs       mean wall milliseconds of a timed step (with verbose mode on)
 * @param kinds        per primitive kind: executions and milliseconds per step, most time first
 * @param conversions  per reorder "from -> to" layout pair: executions per step, most first
 */
public record OneDnnVerboseLog(String version, String isa, int steps, double stepMs, Map<String, KindStats> kinds,
                               Map<String, Double> conversions) {

    /** Printed by the child before each timed step. */
    public static final String STEP_MARK = "effnas-step-begin";
    /** Printed by the child after each timed step, followed by its wall milliseconds. */
    public static final String STEP_END = "effnas-step-ms ";

    /** Executions and milliseconds of one primitive kind, per step. */
    public record KindStats(double count, double ms) {
    }

    public OneDnnVerboseLog {
        kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        conversions = Collections.unmodifiableMap(new LinkedHashMap<>(conversions));
    }

    /** Reorders (layout and type conversions) per step and their share of oneDNN's time. */
    public KindStats reorders() {
        return kinds.getOrDefault("reorder", new KindStats(0, 0));
    }

    /** Milliseconds per step in all oneDNN primitives. */
    public double oneDnnMs() {
        return kinds.values().stream().mapToDouble(KindStats::ms).sum();
    }

    /** Reorder milliseconds over all oneDNN milliseconds; NaN when oneDNN ran nothing. */
    public double reorderShareOfOneDnn() {
        double all = oneDnnMs();
        return all > 0 ? reorders().ms() / all : Double.NaN;
    }

    /** Reorder milliseconds over the step's wall time; NaN without timed steps. */
    public double reorderShareOfStep() {
        return stepMs > 0 ? reorders().ms() / stepMs : Double.NaN;
    }

    /** Parses the child's standard output. */
    public static OneDnnVerboseLog parse(List<String> lines) {
        String version = "unknown";
        String isa = "unknown";
        Map<String, double[]> kinds = new TreeMap<>();
        Map<String, double[]> conversions = new TreeMap<>();
        int steps = 0;
        double stepMs = 0;
        boolean inStep = false;
        for (String line : lines) {
            if (line.equals(STEP_MARK)) {
                inStep = true;
                continue;
            }
            if (line.startsWith(STEP_END)) {
                if (inStep) {
                    steps++;
                    stepMs += Double.parseDouble(line.substring(STEP_END.length()).trim());
                }
                inStep = false;
                continue;
            }
            if (!line.startsWith("dnnl_verbose,") && !line.startsWith("onednn_verbose,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            int op = f[1].equals("exec") || f[1].equals("info") || f[1].startsWith("create") ? 1 : 2;
            if (f[op].equals("info")) {
                String rest = line.substring(line.indexOf(",info,") + 6);
                if (rest.startsWith("oneDNN ")) {
                    version = rest;
                } else if (rest.startsWith("cpu,isa:")) {
                    isa = rest.substring(8);
                }
                continue;
            }
            if (!inStep || !f[op].equals("exec") || f.length < op + 4) {
                continue;
            }
            String kind = f[op + 2];
            double ms = parseMs(f[f.length - 1]);
            double[] k = kinds.computeIfAbsent(kind, x -> new double[2]);
            k[0]++;
            k[1] += ms;
            if (kind.equals("reorder") && f.length > op + 5) {
                conversions.computeIfAbsent(conversion(f[op + 5]), x -> new double[1])[0]++;
            }
        }
        int n = Math.max(steps, 1);
        Map<String, KindStats> perStep = new LinkedHashMap<>();
        kinds.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> perStep.put(e.getKey(), new KindStats(e.getValue()[0] / n, e.getValue()[1] / n)));
        Map<String, Double> pairs = new LinkedHashMap<>();
        conversions.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> pairs.put(e.getKey(), e.getValue()[0] / n));
        return new OneDnnVerboseLog(version, isa, steps, steps > 0 ? stepMs / steps : 0, perStep, pairs);
    }

    private static double parseMs(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code src_f32::blocked:abcd:f0 dst_f32::blocked:aBcd16b:f0} becomes {@code f32 abcd -> f32 aBcd16b}:
     * the data types and memory formats of source and destination.
     */
    static String conversion(String memory) {
        String[] parts = memory.trim().split(" ");
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            String[] t = p.split(":");
            if (t.length < 4 || !(t[0].startsWith("src_") || t[0].startsWith("dst_"))) {
                continue;
            }
            if (b.length() > 0) {
                b.append(" -> ");
            }
            b.append(t[0].substring(4)).append(' ').append(t[3]);
        }
        return b.length() > 0 ? b.toString() : memory.trim();
    }
}
