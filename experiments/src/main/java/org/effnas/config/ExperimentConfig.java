package org.effnas.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import org.effnas.eval.TrainingEngine;
import org.effnas.reward.CostMetric;
import org.effnas.schedule.SchedulerName;

/**
 * One experiment, as described by a YAML file: what to search, how to train and score candidates,
 * where to evaluate them, the compound-scaling grid and family, the seed, the output directory and
 * the multi-fidelity scheduler, and how a measured latency is measured.
 * Every field has a default, so {@code dataset: fashion-mnist} alone is a complete config. Load with
 * {@link ConfigLoader}; {@link ConfigLoader#toYaml} writes the resolved config back.
 */
public record ExperimentConfig(DatasetConfig dataset, SpaceConfig space, RewardConfig reward,
                               StrategyConfig strategy, TrainingConfig training,
                               EvaluatorConfig evaluator, GridConfig grid, FamilyConfig family,
                               ClusterConfig cluster, long seed, String output, SchedulerConfig scheduler,
                               LatencyConfig latency, @JsonProperty("final") FinalConfig finalTraining) {

    public ExperimentConfig {
        if (dataset == null || space == null || reward == null || strategy == null || training == null
                || evaluator == null || grid == null || family == null || cluster == null || output == null
                || scheduler == null || latency == null || finalTraining == null) {
            throw new IllegalArgumentException("every section of an experiment config is required");
        }
    }

    /** A config without a final phase. */
    public ExperimentConfig(DatasetConfig dataset, SpaceConfig space, RewardConfig reward, StrategyConfig strategy,
                            TrainingConfig training, EvaluatorConfig evaluator, GridConfig grid, FamilyConfig family,
                            ClusterConfig cluster, long seed, String output, SchedulerConfig scheduler,
                            LatencyConfig latency) {
        this(dataset, space, reward, strategy, training, evaluator, grid, family, cluster, seed, output, scheduler,
                latency, FinalConfig.defaults());
    }

    /** Reads every section from the top-level mapping; {@code base} resolves relative file paths. */
    static ExperimentConfig read(ConfigSection top, Path base, String defaultOutput) {
        DatasetConfig dataset = DatasetConfig.read(top.sectionOrName("dataset", "name"));
        SpaceConfig space = SpaceConfig.read(top.sectionOrName("space", "name"), base);
        RewardConfig reward = RewardConfig.read(top.section("reward"));
        StrategyConfig strategy = StrategyConfig.read(top.sectionOrName("strategy", "name"));
        TrainingConfig training = TrainingConfig.read(top.section("training"));
        EvaluatorConfig evaluator = EvaluatorConfig.read(top.sectionOrName("evaluator", "kind"), base);
        GridConfig grid = GridConfig.read(top.section("grid"));
        FamilyConfig family = FamilyConfig.read(top.section("family"));
        ClusterConfig cluster = ClusterConfig.read(top.section("cluster"), base);
        SchedulerConfig scheduler = SchedulerConfig.read(top.sectionOrName("scheduler", "name"));
        LatencyConfig latency = LatencyConfig.read(top.section("latency"));
        FinalConfig finalTraining = FinalConfig.read(top.section("final"));
        long seed = top.count("seed", 42, 0, Long.MAX_VALUE);
        String output = top.string("output", defaultOutput);
        if (!evaluator.surrogate() && reward.cost() == CostMetric.LATENCY_MS && reward.targetLatencyMs() == null) {
            top.problem("reward.target_latency_ms", "required with cost: latency and a trained evaluator (a measured "
                    + "latency depends on the machine); e.g. target_latency_ms: 5");
        }
        if (!evaluator.surrogate() && dataset.path() == null) {
            top.problem("dataset.path", "required to train on " + dataset.name() + " (Debian ships no package for it): "
                    + "the folder holding its files");
        }
        if (family.enabled() && !grid.enabled()) {
            top.problem("family.enabled", "the family needs the grid's winning alpha/beta/gamma; enable grid or set family.enabled: false");
        }
        String conflict = engineConflict(training, evaluator, scheduler);
        if (conflict != null) {
            top.problem("training.engine", conflict);
        }
        java.util.Set<String> valid = FinalConfig.validNames(grid, family);
        for (String m : finalTraining.members()) {
            if (!valid.contains(m)) {
                top.problem("final.members", "unknown member '" + m + "'; this config's are " + String.join(", ", valid));
            }
        }
        return new ExperimentConfig(dataset, space, reward, strategy, training, evaluator, grid, family,
                cluster, seed, output, scheduler, latency, finalTraining);
    }

    /**
     * Why the training engine cannot run this experiment, or null: the NHWC engine keeps no checkpoints (so no
     * rungs), and a command evaluator trains with its own command.
     */
    public static String engineConflict(TrainingConfig training, EvaluatorConfig evaluator, SchedulerConfig scheduler) {
        if (training.engine() != TrainingEngine.ONEDNN_NHWC || evaluator.surrogate()) {
            return null;
        }
        if (evaluator.isCommand()) {
            return "onednn-nhwc is effnas's own trainer, and a command evaluator trains with its own command; "
                    + "remove training.engine";
        }
        if (SchedulerName.parse(scheduler.name(), "scheduler.name") != SchedulerName.FIFO) {
            return "onednn-nhwc keeps no checkpoints yet, so it cannot continue the rungs of scheduler "
                    + scheduler.name() + "; use training.engine: dl4j or scheduler: fifo";
        }
        return null;
    }

    public ExperimentConfig withOutput(String newOutput) {
        return new ExperimentConfig(dataset, space, reward, strategy, training, evaluator, grid, family,
                cluster, seed, newOutput, scheduler, latency, finalTraining);
    }

    /** The same experiment reading its data from another folder. */
    public ExperimentConfig withDataPath(String path) {
        DatasetConfig d = new DatasetConfig(dataset.name(), path, dataset.minival(), dataset.resolution());
        return new ExperimentConfig(d, space, reward, strategy, training, evaluator, grid, family, cluster, seed, output,
                scheduler, latency, finalTraining);
    }

    /** The same experiment with the reward's target T set. */
    public ExperimentConfig withReward(RewardConfig newReward) {
        return new ExperimentConfig(dataset, space, newReward, strategy, training, evaluator, grid, family, cluster,
                seed, output, scheduler, latency, finalTraining);
    }

    /** The same experiment with another final phase. */
    public ExperimentConfig withFinal(FinalConfig newFinal) {
        return new ExperimentConfig(dataset, space, reward, strategy, training, evaluator, grid, family, cluster,
                seed, output, scheduler, latency, newFinal);
    }

    /** Whether a search runs: always, unless the grid scales a given base instead of the search winner. */
    public boolean searches() {
        return grid.base() == null;
    }
}
