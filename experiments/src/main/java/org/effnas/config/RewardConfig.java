package org.effnas.config;

import java.util.List;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;

/**
 * The MnasNet reward {@code ACC(m) * (cost(m) / T)^w}.
 *
 * @param targetMacs      T in multiply-adds when cost is {@code macs}; null = the search space's
 *                        reference architecture's MACs at the dataset's input (resolved when the
 *                        experiment is planned, and written so into its {@code config.yaml})
 * @param targetLatencyMs T in milliseconds when cost is {@code latency}; null = none (required with a
 *                        trained evaluator; the surrogate's reference latency for the surrogate)
 * @param w               the exponent, negative ({@code -0.07} in the paper)
 * @param mode            {@code soft}: w on both sides of T; {@code hard}: no bonus under T and a
 *                        steep penalty (w = -1) over it
 * @param cost            {@code macs} (exact, from the cost model) or {@code latency} (measured)
 */
public record RewardConfig(Long targetMacs, Double targetLatencyMs, double w, String mode, CostMetric cost) {

    public static final List<String> MODES = List.of("soft", "hard");

    public static RewardConfig defaults() {
        return new RewardConfig(null, null, -0.07, "soft", CostMetric.MACS);
    }

    /** Whether T of the configured cost is given (or was resolved). */
    public boolean hasTarget() {
        return cost == CostMetric.MACS ? targetMacs != null : targetLatencyMs != null;
    }

    public boolean hard() {
        return mode.equals("hard");
    }

    /** The same reward with T of the configured cost set. */
    public RewardConfig withTarget(double target) {
        return cost == CostMetric.MACS ? new RewardConfig(Math.round(target), targetLatencyMs, w, mode, cost)
                : new RewardConfig(targetMacs, target, w, mode, cost);
    }

    /**
     * search-core's reward for these settings.
     *
     * @throws IllegalStateException when T is not resolved yet (see {@link #withTarget})
     */
    public Reward reward() {
        if (!hasTarget()) {
            throw new IllegalStateException("reward: the target T is not resolved yet");
        }
        double target = cost == CostMetric.MACS ? targetMacs : targetLatencyMs;
        return hard() ? Reward.of(target, 0, -1, cost) : Reward.of(target, w, w, cost);
    }

    static RewardConfig read(ConfigSection s) {
        RewardConfig d = defaults();
        Long macs = s.has("target_macs") ? s.count("target_macs", 1, 1, Long.MAX_VALUE) : null;
        Double latency = s.has("target_latency_ms")
                ? s.decimal("target_latency_ms", 1, 0, true, Double.POSITIVE_INFINITY, false) : null;
        return new RewardConfig(macs, latency,
                s.decimal("w", d.w(), -1, false, 0, false),
                s.choice("mode", d.mode(), MODES),
                s.choice("cost", d.cost(), CostMetric.class));
    }
}
