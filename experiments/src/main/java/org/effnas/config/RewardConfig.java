package org.effnas.config;

import java.util.List;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;

/**
 * The MnasNet reward {@code ACC(m) * (cost(m) / T)^w}.
 *
 * @param targetMacs      T in multiply-adds when cost is {@code macs}
 * @param targetLatencyMs T in milliseconds when cost is {@code latency}
 * @param w               the exponent's magnitude, negative ({@code -0.07} in the paper)
 * @param mode            {@code soft}: w on both sides of T; {@code hard}: no bonus under T and a
 *                        steep penalty (w = -1) over it
 * @param cost            {@code macs} (exact, from the cost model) or {@code latency} (measured)
 */
public record RewardConfig(long targetMacs, double targetLatencyMs, double w, String mode, String cost) {

    public static final List<String> MODES = List.of("soft", "hard");
    public static final List<String> COSTS = List.of("macs", "latency");

    public static RewardConfig defaults() {
        return new RewardConfig(10_000_000L, 5.0, -0.07, "soft", "macs");
    }

    /** search-core's reward for these settings. */
    public Reward reward() {
        CostMetric metric = CostMetric.parse(cost);
        double target = metric == CostMetric.MACS ? targetMacs : targetLatencyMs;
        return mode.equals("hard") ? Reward.of(target, 0, -1, metric) : Reward.of(target, w, w, metric);
    }

    static RewardConfig read(ConfigSection s) {
        RewardConfig d = defaults();
        return new RewardConfig(
                s.count("target_macs", d.targetMacs(), 1, Long.MAX_VALUE),
                s.decimal("target_latency_ms", d.targetLatencyMs(), 0, true, Double.POSITIVE_INFINITY, false),
                s.decimal("w", d.w(), -1, false, 0, false),
                s.choice("mode", d.mode(), MODES),
                s.choice("cost", d.cost(), COSTS));
    }
}
