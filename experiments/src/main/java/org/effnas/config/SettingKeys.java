package org.effnas.config;

import java.util.Map;
import java.util.Optional;

/**
 * The flag and the config key of each setting that the core names neutrally (see
 * {@link org.effnas.InvalidSettingException}), so that a message points at what the user wrote: a
 * flag of {@code effnas search}/{@code grid}, or a key of the YAML config.
 */
public final class SettingKeys {

    private record Names(String flag, String key) {
    }

    private static final Map<String, Names> NAMES = Map.ofEntries(
            Map.entry("strategy", new Names("--strategy", "strategy.name")),
            Map.entry("evaluator", new Names("--evaluator", "evaluator.kind")),
            Map.entry("population", new Names("--population", "strategy.population")),
            Map.entry("tournament", new Names("--tournament", "strategy.tournament")),
            Map.entry("elites", new Names("--elites", "strategy.elites")),
            Map.entry("crossover", new Names("--crossover", "strategy.crossover")),
            Map.entry("mutation", new Names("--mutation", "strategy.mutation")),
            Map.entry("random baseline", new Names("--random-baseline", "strategy.random_baseline")),
            Map.entry("budget", new Names("--budget", "strategy.budget.evaluations")),
            Map.entry("wall time", new Names("--max-time", "strategy.budget.wall_time")),
            Map.entry("latency target", new Names("--target-latency-ms", "reward.target_latency_ms")),
            Map.entry("grid step", new Names("--step", "grid.step")),
            Map.entry("grid max", new Names("--max", "grid.max")),
            Map.entry("grid tolerance", new Names("--tolerance", "grid.tolerance")),
            Map.entry("grid max triples", new Names("--max-triples", "grid.max_triples")),
            Map.entry("grid seeds", new Names("--seeds", "grid.seeds")),
            Map.entry("grid base", new Names("--base", "grid.base")),
            Map.entry("resolution divisor", new Names("--resolution-divisor", "grid.resolution_divisor")),
            Map.entry("achieved FLOPs tolerance", new Names("--achieved-tolerance", "grid.achieved_tolerance")),
            Map.entry("family phi", new Names("--family", "family.phi_max")),
            Map.entry("single-dimension phi max", new Names("--family", "family.single_dimension_phi_max")),
            Map.entry("final members", new Names("--members", "final.members")),
            Map.entry("output directory", new Names("--out", "output")),
            Map.entry("reward target", new Names("--target-macs", "reward.target_macs")),
            Map.entry("reward exponent", new Names("--w", "reward.w")),
            Map.entry("cache directory", new Names("--cache", "--cache")),
            Map.entry("simulated seconds", new Names("--simulate-seconds", "--simulate-seconds")));

    private SettingKeys() {
    }

    /** The flag of a setting, e.g. {@code --population}. */
    public static Optional<String> flag(String setting) {
        return Optional.ofNullable(NAMES.get(setting)).map(Names::flag);
    }

    /** The config key of a setting, e.g. {@code strategy.population}. */
    public static Optional<String> key(String setting) {
        return Optional.ofNullable(NAMES.get(setting)).map(Names::key);
    }
}
