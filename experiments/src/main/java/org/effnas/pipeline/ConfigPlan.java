package org.effnas.pipeline;

import java.util.Optional;
import java.util.OptionalInt;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.FamilyConfig;
import org.effnas.config.GridConfig;
import org.effnas.config.RewardConfig;
import org.effnas.cost.CostModel;
import org.effnas.experiment.ExperimentPlan;
import org.effnas.experiment.FamilyPlan;
import org.effnas.experiment.FamilyTargets;
import org.effnas.experiment.FinalPlan;
import org.effnas.worker.export.LatencyEngines;
import org.effnas.worker.export.SpecLatency;
import org.effnas.worker.train.LatencySettings;
import org.effnas.experiment.GridPlan;
import org.effnas.experiment.RewardTargets;
import org.effnas.experiment.SearchPlan;
import org.effnas.reference.Architectures;
import org.effnas.search.SearchBudget;
import org.effnas.space.SearchSpace;
import org.effnas.surrogate.SpaceReference;

/**
 * An experiment config turned into the engine's plan: the search unless the grid has its own base,
 * the grid when enabled, the family when enabled, the final phase when it names members. Every
 * command that runs an experiment comes through here, so one config gives one plan whichever
 * command read it.
 */
public final class ConfigPlan {

    private ConfigPlan() {
    }

    /**
     * The config with everything the plan derives written in: the reward's target T, when the
     * config left it to the default rule ({@link RewardTargets}). This is what {@code config.yaml} holds.
     */
    public static ExperimentConfig resolve(ExperimentConfig c, SearchSpace space) {
        if (!c.searches()) {
            // no reward is scored (the grid ranks by accuracy); T in MACs is the base's, for the report's axis
            RewardConfig r = c.reward();
            return r.targetMacs() != null ? c : c.withReward(new RewardConfig(
                    CostModel.of(Architectures.resolve(c.grid().base())).macs(), r.targetLatencyMs(), r.w(), r.mode(),
                    r.cost()));
        }
        if (c.reward().hasTarget()) {
            return c;
        }
        double target = RewardTargets.defaultTarget(c.reward().cost(), SpaceReference.of(space), c.evaluator().kind());
        return c.withReward(c.reward().withTarget(target));
    }

    /** The plan of a resolved config ({@link #resolve}). */
    public static ExperimentPlan of(ExperimentConfig c, SearchSpace space, LaunchOptions o) {
        Optional<SearchPlan> search = Optional.empty();
        if (c.searches()) {
            var b = c.strategy().budget();
            search = Optional.of(new SearchPlan(space, c.reward().reward(), c.strategy().name(),
                    c.strategy().evolution(), SearchBudget.of(b.evaluations(), b.wallTime().isZero() ? null : b.wallTime()),
                    c.strategy().randomBaseline()));
        }
        Optional<GridPlan> grid = Optional.empty();
        if (c.grid().enabled()) {
            GridConfig g = c.grid();
            FamilyConfig f = c.family();
            grid = Optional.of(new GridPlan(g.base() == null ? Optional.empty() : Optional.of(Architectures.resolve(g.base())),
                    g.coefficientGrid(), g.seeds(),
                    g.resolutionDivisor() == null ? OptionalInt.empty() : OptionalInt.of(g.resolutionDivisor()),
                    g.achievedTolerance() == null ? Double.POSITIVE_INFINITY : g.achievedTolerance(),
                    f.enabled() && f.singleDimension()));
        }
        Optional<FamilyPlan> family = c.family().enabled() ? Optional.of(new FamilyPlan(c.family().phiMin(),
                c.family().phiMax(), c.family().singleDimension(), c.family().singleDimensionPhiMax(),
                familyTargets(c))) : Optional.empty();
        Optional<FinalPlan> finalPhase = c.finalTraining().enabled() ? Optional.of(FinalPlan.of(
                c.finalTraining().members(), c.finalTraining().settings(c.training(), c.dataset().minival())))
                : Optional.empty();
        return new ExperimentPlan(search, grid, family, c.evaluator().kind(), c.training().settings(c.dataset().minival()),
                c.seed(), o.out(), o.resume(), o.cacheDir(), o.fresh(), c.strategy().ordered(),
                c.scheduler().settings(), finalPhase);
    }

    /**
     * The config's family targets: multiply-adds, or latency measured on this machine with the
     * config's {@code latency} engine and threads (random weights, batch 1), measured only when the
     * family phase solves its members.
     */
    static Optional<FamilyTargets> familyTargets(ExperimentConfig c) {
        FamilyConfig f = c.family();
        if (!f.targetMacs().isEmpty()) {
            return Optional.of(FamilyTargets.macs(f.targetMacs()));
        }
        if (f.targetLatencyMs().isEmpty()) {
            return Optional.empty();
        }
        LatencySettings s = c.latency().settings();
        java.util.function.Supplier<SpecLatency> latency = new java.util.function.Supplier<>() {
            private SpecLatency measurer;

            @Override
            public synchronized SpecLatency get() {
                if (measurer == null) {
                    measurer = SpecLatency.of(LatencyEngines.resolve(c.latency().engine().engine(), System.err::println),
                            new LatencySettings(s.threads(), 1, s.warmup(), s.runs()));
                }
                return measurer;
            }
        };
        return Optional.of(FamilyTargets.latencyMs(f.targetLatencyMs(), spec -> latency.get().latencyMs(spec)));
    }
}
