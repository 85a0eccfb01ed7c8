package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.effnas.eval.EvalJson;
import org.effnas.journal.JournalHeader;
import org.effnas.notation.BlockStrings;
import org.effnas.reward.Reward;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.spec.ArchSpec;

/**
 * What makes each phase's journal the same experiment: everything that changes its results (space,
 * reward, strategy and every Jenetics parameter; grid; family; training recipe; evaluator and data;
 * seed in the header), never what may change between sessions (budget, workers, cluster, output).
 * The identity depends on the plan alone, so the same settings give the same journals whichever
 * command planned them.
 */
final class PlanIdentity {

    private PlanIdentity() {
    }

    /** The experiment's id, e.g. for a cluster name; the data's checksum is not known yet here. */
    static String experimentId(ExperimentPlan plan) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("evaluator", plan.evaluator().text());
        n.set("training", EvalJson.training(plan.training()));
        plan.search().ifPresent(s -> n.set("search", search(s)));
        plan.grid().ifPresent(g -> {
            ObjectNode grid = grid(g, g.base().orElse(null), 0);
            n.set("grid", grid);
        });
        plan.family().ifPresent(f -> n.set("family", family(f, null, null, 0)));
        if (!plan.scheduler().equals(SchedulerSettings.fifo())) {
            n.set("scheduler", EvalJson.fields(plan.scheduler()));
        }
        return JournalHeader.experimentId("experiment", n, plan.seed());
    }

    static ObjectNode search(SearchPlan s) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("space", s.space().name());
        // a space file may change under the same name: its full definition is part of the identity
        n.put("space_definition", UUID.nameUUIDFromBytes(s.space().toString().getBytes(StandardCharsets.UTF_8))
                .toString());
        n.put("strategy", s.strategy().text());
        if (s.strategy() != StrategyKind.RANDOM) {
            n.set("evolution", EvalJson.fields(s.evolution()));
        }
        n.set("reward", reward(s.reward()));
        return n;
    }

    /** The random baseline: the same space and reward, random proposals. */
    static ObjectNode random(SearchPlan s) {
        ObjectNode n = search(s);
        n.put("strategy", StrategyKind.RANDOM.text());
        n.remove("evolution");
        return n;
    }

    static ObjectNode grid(GridPlan g, ArchSpec base, int divisor) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        if (base != null) {
            n.put("base", BlockStrings.canonical(base));
            n.put("resolution_divisor", divisor);
        }
        n.put("step", g.grid().step());
        n.put("max", g.grid().max());
        n.put("tolerance", g.grid().tolerance());
        n.put("max_triples", g.grid().maxTriples());
        if (g.grid().isFixed()) {
            // added only when named, so every lattice experiment keeps the identity it had
            var fixed = n.putArray("coefficients");
            g.grid().fixed().forEach(c -> fixed.addArray().add(c.alpha()).add(c.beta()).add(c.gamma()));
        }
        n.put("seeds", g.seeds());
        n.put("single_dimension", g.singleDimension());
        if (Double.isFinite(g.achievedTolerance())) {
            n.put("achieved_tolerance", g.achievedTolerance());
        }
        return n;
    }

    static ObjectNode family(FamilyPlan f, ArchSpec base, CompoundCoefficients c, int seeds) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        if (base != null) {
            n.put("base", BlockStrings.canonical(base));
            n.put("alpha", c.alpha());
            n.put("beta", c.beta());
            n.put("gamma", c.gamma());
            n.put("seeds", seeds);
        }
        n.put("phi_min", f.phiMin());
        n.put("phi_max", f.phiMax());
        n.put("single_dimension", f.singleDimension());
        n.put("single_dimension_phi_max", f.singleDimensionPhiMax());
        f.targets().ifPresent(t -> {
            n.put("target_metric", t.metric().text());
            t.values().forEach(n.putArray("targets")::add);
        });
        return n;
    }

    /**
     * A phase's journal header: its identity plus the evaluator, data, training recipe and the ladder
     * the phase runs (the grid's: entered where its pool can climb; the family's: its top rung).
     */
    static JournalHeader header(PhaseKind phase, ObjectNode identity, ExperimentPlan plan, String datasetId,
                                SchedulerSettings ladder) {
        ObjectNode n = identity.deepCopy();
        n.put("phase", phase.text());
        n.put("evaluator", plan.evaluator().text());
        n.put("dataset", datasetId);
        n.set("training", EvalJson.training(plan.training()));
        if (!plan.scheduler().equals(SchedulerSettings.fifo())) {
            // absent under the default, so journals of fifo runs stay what they always were
            n.set("scheduler", EvalJson.fields(ladder));
        }
        return JournalHeader.of(phase == PhaseKind.RANDOM ? PhaseKind.SEARCH.text() : phase.text(), n, plan.seed());
    }

    /** The family trains at the scheduler's top rung: every member once, {@code max_steps} steps. */
    static SchedulerSettings familyScheduler(ExperimentPlan plan) {
        return plan.usesRungs() ? SchedulerSettings.fifo(plan.scheduler().maxSteps()) : plan.scheduler();
    }

    private static ObjectNode reward(Reward r) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("target", r.target());
        n.put("w_below", r.below());
        n.put("w_above", r.above());
        n.put("cost", r.metric().text());
        return n;
    }
}
