package org.effnas.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.effnas.InvalidSettingException;
import org.effnas.family.ScaledFamily;
import org.effnas.notation.BlockStrings;
import org.effnas.reward.CostMetric;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.TargetedScaling;
import org.effnas.spec.ArchSpec;

/**
 * A family given by cost budgets instead of a phi range: one member per target, each at the
 * real-valued phi {@link TargetedScaling} solves for the grid winner's coefficients, named after its
 * target ({@code T50M} for 50M multiply-adds, {@code T5ms} for 5 ms).
 *
 * @param metric   what the targets bound: multiply-adds (exact, from the cost model) or measured
 *                 batch-1 latency
 * @param values   the targets, in the order given
 * @param measured latency only: the measured latency of a rounded spec, in ms (random weights)
 */
public record FamilyTargets(CostMetric metric, List<Double> values, ToDoubleFunction<ArchSpec> measured) {

    /** The largest phi a measured target searches up to (measurements cost time; as {@code effnas family}). */
    public static final double MEASURED_PHI_CAP = 8;

    public FamilyTargets {
        Objects.requireNonNull(metric, "metric");
        values = List.copyOf(values);
        if (values.isEmpty() || values.size() > 16) {
            throw new InvalidSettingException("family targets", "between 1 and 16 targets, got " + values.size());
        }
        for (double v : values) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new InvalidSettingException("family targets", "every target must be positive, got " + v);
            }
        }
        if (metric == CostMetric.LATENCY_MS && measured == null) {
            throw new IllegalArgumentException("latency targets need a latency measurement");
        }
    }

    public static FamilyTargets macs(List<Long> targets) {
        return new FamilyTargets(CostMetric.MACS, targets.stream().map(Long::doubleValue).toList(), null);
    }

    public static FamilyTargets latencyMs(List<Double> targets, ToDoubleFunction<ArchSpec> measured) {
        return new FamilyTargets(CostMetric.LATENCY_MS, targets, measured);
    }

    /** The member's name for target {@code i}: {@code T50M}, {@code T1.5G}, {@code T5ms}. */
    public String name(int i) {
        return name(metric, values.get(i));
    }

    /** The member's name for a target {@code v} of {@code metric}, without building the targets. */
    public static String name(CostMetric metric, double v) {
        if (metric == CostMetric.LATENCY_MS) {
            return "T" + BlockStrings.number(v) + "ms";
        }
        for (String[] unit : new String[][] {{"1e9", "G"}, {"1e6", "M"}, {"1e3", "K"}}) {
            double scale = Double.parseDouble(unit[0]);
            if (v >= scale) {
                return "T" + BlockStrings.number(Math.round(v / scale * 1000) / 1000.0) + unit[1];
            }
        }
        return "T" + BlockStrings.number(v);
    }

    /** The members for {@code base} scaled by {@code c}. */
    public ScaledFamily solve(ArchSpec base, CompoundCoefficients c, int resolutionDivisor) {
        TargetedScaling scaling = TargetedScaling.of(base, c, resolutionDivisor);
        List<String> names = new ArrayList<>();
        List<Double> phis = new ArrayList<>();
        List<ArchSpec> specs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            names.add(name(i));
            if (metric == CostMetric.MACS) {
                TargetedScaling.Member m = scaling.solve(Math.round(values.get(i)));
                phis.add(m.phi());
                specs.add(m.spec());
            } else {
                TargetedScaling.Measured m = scaling.solveMeasured(values.get(i), measured, MEASURED_PHI_CAP,
                        "family.target_latency_ms");
                phis.add(m.phi());
                specs.add(m.spec());
            }
        }
        return ScaledFamily.ofSolved(base, c, resolutionDivisor, names, phis, specs);
    }
}
