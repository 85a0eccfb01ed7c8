package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.worker.export.SpecLatency;
import org.effnas.worker.train.InferenceSpeed;
import org.effnas.eval.EvalJson;
import org.effnas.notation.BlockStrings;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.ScalingFactors;
import org.effnas.scaling.TargetedScaling;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;

/**
 * {@code effnas family --target-macs 50M,100M,400M}: one member per budget, each at the real-valued φ
 * {@link TargetedScaling} solves, printed with φ, the continuous multipliers, the rounded widths,
 * repeats and resolution, and the achieved cost against the target; {@code --target-latency-ms} the
 * same with each member's measured latency as the cost.
 */
final class TargetedFamilyTable {

    private TargetedFamilyTable() {
    }

    /** Parses {@code 50M,1.5G,400000} (K, M, G suffixes, decimal). */
    static List<Long> parseTargets(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim().toUpperCase(Locale.ROOT);
            double unit = t.endsWith("K") ? 1e3 : t.endsWith("M") ? 1e6 : t.endsWith("G") ? 1e9 : 1;
            String number = unit == 1 ? t : t.substring(0, t.length() - 1);
            try {
                double v = Double.parseDouble(number) * unit;
                if (!(v >= 1) || v > Long.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                out.add(Math.round(v));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--target-macs: '" + part.trim() + "' is not a positive count of "
                        + "multiply-adds; write e.g. 50M,100M,1.5G");
            }
        }
        return out;
    }

    /** Parses {@code 5,10,20.5} (milliseconds, positive). */
    static List<Double> parseLatencyTargets(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                double v = Double.parseDouble(part.trim());
                if (!(v > 0) || Double.isInfinite(v) || part.trim().isEmpty()) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--target-latency-ms: '" + part.trim() + "' is not a positive number of "
                        + "milliseconds; write e.g. 2,5,10");
            }
        }
        return out;
    }

    /**
     * {@code --target-latency-ms}: each member solved by {@link TargetedScaling#solveMeasured} against
     * the batch-1 latency {@code latency} measures (random weights), printed with its spread (p10/p90)
     * and the next rounding step's latency.
     */
    static void printLatency(PrintWriter w, String baseName, ArchSpec base, CompoundCoefficients c, int divisor,
                             String targets, double phiCap, SpecLatency latency, String threads, boolean json) {
        TargetedScaling scaling = TargetedScaling.of(base, c, divisor);
        List<TargetedScaling.Measured> members = parseLatencyTargets(targets).stream()
                .map(t -> scaling.solveMeasured(t, latency::latencyMs, phiCap, "--target-latency-ms")).toList();
        String engine = latency.engine().id();
        if (json) {
            ObjectNode root = root(baseName, c, divisor, scaling).put("phi_cap", phiCap).put("engine", engine)
                    .put("weights", "random");
            ArrayNode arr = root.putArray("members");
            for (TargetedScaling.Measured m : members) {
                InferenceSpeed sp = latency.speed(m.spec());
                ObjectNode n = scaled(arr.addObject().put("target_latency_ms", m.target()), m.phi(), m.factors(),
                        m.spec()).put("macs", CostModel.of(m.spec()).macs()).put("latency_ms", m.cost())
                        .put("latency_p10_ms", sp.single().p10Ms())
                        .put("latency_p90_ms", sp.single().p90Ms()).put("achieved_ratio", m.cost() / m.target())
                        .put("at_phi_cap", m.atCap()).put("latency_facts", sp.facts())
                        .put("widths", widths(m.spec())).put("repeats", repeats(m.spec()));
                if (!m.atCap()) {
                    n.put("next_step_latency_ms", m.nextCost()).put("next_step_macs", CostModel.of(m.next()).macs());
                }
            }
            w.print(OutputFormat.json(root));
            return;
        }
        w.printf(Locale.ROOT, "%s scaled to latency targets by alpha=%s beta=%s gamma=%s: batch-1 latency measured "
                + "by %s (%s thread(s), random weights: the cost of a forward pass does not depend on them), median "
                + "of the timed runs; phi solved by bisection over the measured rounded members up to phi %s; "
                + "floors: 1 repeat, 8 channels, %d px%n", baseName, c.alpha(), c.beta(), c.gamma(), engine, threads,
                BlockStrings.number(phiCap), scaling.minimumResolution());
        w.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %5s %14s %9s %17s %7s %10s  %s | %s%n", "target", "phi", "a^phi",
                "b^phi", "g^phi", "res", "MACs", "ms", "p10-p90 ms", "ach/tgt", "next ms", "stage widths", "repeats");
        for (TargetedScaling.Measured m : members) {
            InferenceSpeed sp = latency.speed(m.spec());
            w.printf(Locale.ROOT, "%-8s %8.4f %8.4f %8.4f %8.4f %5d %,14d %9.3f %8.3f-%-8.3f %7.3f %10s  %s | %s%n",
                    BlockStrings.number(m.target()) + "ms", m.phi(), m.factors().depth(),
                    m.factors().width(), m.factors().resolution(), m.spec().resolution(), CostModel.of(m.spec()).macs(),
                    m.cost(), sp.single().p10Ms(), sp.single().p90Ms(), m.cost() / m.target(),
                    m.atCap() ? "phi cap" : String.format(Locale.ROOT, "%.3f", m.nextCost()), widths(m.spec()),
                    repeats(m.spec()));
        }
        w.printf(Locale.ROOT, "CPU: %s%n", members.isEmpty() ? "" : latency.speed(members.get(0).spec()).cpu());
    }

    static void print(PrintWriter w, String baseName, ArchSpec base, CompoundCoefficients c, int divisor,
                      String targets, boolean json) {
        TargetedScaling scaling = TargetedScaling.of(base, c, divisor);
        List<TargetedScaling.Member> members = parseTargets(targets).stream().map(scaling::solve).toList();
        if (json) {
            ObjectNode root = root(baseName, c, divisor, scaling);
            ArrayNode arr = root.putArray("members");
            for (TargetedScaling.Member m : members) {
                scaled(arr.addObject().put("target_macs", m.targetMacs()), m.phi(), m.factors(), m.spec())
                        .put("macs", m.macs()).put("achieved_ratio", m.achievedRatio())
                        .put("next_step_macs", m.nextMacs())
                        .put("widths", widths(m.spec())).put("repeats", repeats(m.spec()));
            }
            w.print(OutputFormat.json(root));
            return;
        }
        w.printf(Locale.ROOT, "%s scaled to MACs targets by alpha=%s beta=%s gamma=%s (phi solved by bisection over "
                + "the rounded cost; floors: 1 repeat, 8 channels, %d px)%n", baseName, c.alpha(), c.beta(), c.gamma(),
                scaling.minimumResolution());
        w.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %5s %14s %7s %7s  %s | %s%n", "target", "phi", "a^phi", "b^phi",
                "g^phi", "res", "MACs", "ach/tgt", "step", "stage widths", "repeats");
        for (TargetedScaling.Member m : members) {
            w.printf(Locale.ROOT, "%-8s %8.4f %8.4f %8.4f %8.4f %5d %,14d %7.3f %6.1f%%  %s | %s%n",
                    human(m.targetMacs()), m.phi(), m.factors().depth(), m.factors().width(), m.factors().resolution(),
                    m.spec().resolution(), m.macs(), m.achievedRatio(), 100 * m.stepSize(), widths(m.spec()),
                    repeats(m.spec()));
        }
    }

    /** The JSON fields of the family as a whole, before its members. */
    private static ObjectNode root(String baseName, CompoundCoefficients c, int divisor, TargetedScaling scaling) {
        return EvalJson.MAPPER.createObjectNode().put("base", baseName).put("alpha", c.alpha()).put("beta", c.beta())
                .put("gamma", c.gamma()).put("resolution_divisor", divisor)
                .put("minimum_resolution", scaling.minimumResolution());
    }

    /** A member's phi, multipliers and rounded resolution, after its target in {@code n}. */
    private static ObjectNode scaled(ObjectNode n, double phi, ScalingFactors f, ArchSpec spec) {
        return n.put("phi", phi).put("depth_multiplier", f.depth()).put("width_multiplier", f.width())
                .put("resolution_multiplier", f.resolution()).put("resolution", spec.resolution());
    }

    /** The stem's, each stage's and the head's output channels, space-separated. */
    private static String widths(ArchSpec s) {
        return s.stem().filters() + " " + stageWidths(s) + " " + s.head().filters();
    }

    /** Each stage's output channels, space-separated. */
    static String stageWidths(ArchSpec s) {
        return s.stages().stream().map(st -> Integer.toString(st.outputFilters())).collect(Collectors.joining(" "));
    }

    /** Each stage's repeats, space-separated. */
    static String repeats(ArchSpec s) {
        return s.stages().stream().map(Stage::repeats).map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String human(long macs) {
        return macs >= 1e9 && macs % 100_000_000 == 0 ? BlockStrings.number(macs / 1e9) + "G"
                : macs >= 1e6 && macs % 100_000 == 0 ? BlockStrings.number(macs / 1e6) + "M" : Long.toString(macs);
    }
}
