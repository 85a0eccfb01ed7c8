package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.effnas.InvalidSettingException;
import org.effnas.eval.EvalJson;
import org.effnas.notation.BlockStrings;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.FixedCandidates;
import org.effnas.search.Observation;
import org.effnas.search.Proposal;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;

/**
 * The final phase: looks the chosen names up among the winners the plan's phases produced, then
 * trains each distinct network once through the {@link PhaseRunner} with its own journal
 * ({@code final-journal.jsonl}), on the evaluator the {@link FinalTrainer} starts, and hands the rows
 * of {@code final.csv} to the table writer. A resume finds finished members in the journal and does
 * not train them again; a journal of other members or another recipe is moved to {@code superseded/}.
 */
final class FinalPhase {

    /** The name of the search winner among the members. */
    static final String BASELINE = "baseline";

    private FinalPhase() {
    }

    /**
     * The members named in the final plan, from what the phases produced: {@code baseline} is the
     * search winner (the grid's base B0 in a grid-only plan), the others are family rows by name,
     * each from its best successful evaluation (the one whose checkpoint the phase keeps).
     */
    static List<FinalMember> resolve(ExperimentPlan plan, ExperimentOutcome outcome) {
        Map<String, List<ExperimentArtefacts.FamilyEvaluation>> byName = new LinkedHashMap<>();
        outcome.family().forEach(e -> byName.computeIfAbsent(e.member().name(), k -> new ArrayList<>()).add(e));
        List<FinalMember> out = new ArrayList<>();
        for (String name : plan.finalPhase().orElseThrow().members()) {
            if (name.equals(BASELINE) && outcome.best().isPresent()) {
                Observation o = outcome.best().get();
                out.add(member(name, o, PhaseKind.SEARCH.text() + "/" + o.candidate().id()));
                continue;
            }
            String key = name.equals(BASELINE) ? "B0" : name;
            Optional<ExperimentArtefacts.FamilyEvaluation> row = byName.getOrDefault(key, List.of()).stream()
                    .filter(e -> e.observation().result().ok())
                    .max(Comparator.comparingDouble(e -> e.observation().accuracy()));
            if (row.isPresent()) {
                out.add(member(name, row.get().observation(), row.get().qualifiedId()));
            } else if (name.equals(BASELINE) && plan.grid().flatMap(GridPlan::base).isPresent()) {
                out.add(new FinalMember(name, plan.grid().get().base().get(), plan.seed(), "", Double.NaN,
                        Optional.empty()));
            } else {
                Set<String> valid = new LinkedHashSet<>();
                if (outcome.best().isPresent() || plan.grid().flatMap(GridPlan::base).isPresent()) {
                    valid.add(BASELINE);
                }
                byName.forEach((n, rows) -> {
                    if (rows.stream().anyMatch(e -> e.observation().result().ok())) {
                        valid.add(n);
                    }
                });
                throw new InvalidSettingException("final members", "this experiment has no successfully evaluated "
                        + "member '" + name + "'; it has: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
            }
        }
        return out;
    }

    /** A member from the evaluation that chose it; its checkpoint id is qualified by that evaluation's phase. */
    static FinalMember member(String name, Observation o, String qualifiedId) {
        int slash = qualifiedId.indexOf('/');
        String phase = slash < 0 ? PhaseKind.SEARCH.text() : qualifiedId.substring(0, slash);
        Optional<String> checkpoint = o.candidate().fidelity() == null ? Optional.empty()
                : Optional.of(phase + "." + o.candidate().fidelity().checkpoint());
        return new FinalMember(name, o.candidate().spec(), o.candidate().seed(), qualifiedId, o.accuracy(), checkpoint);
    }

    /** Trains the members (each distinct network once) and writes {@code final.csv}. */
    static List<ExperimentArtefacts.FinalEvaluation> run(ExperimentPlan plan, List<FinalMember> members,
                                                         FinalTrainer trainer, ExperimentArtefacts artefacts,
                                                         PhaseListeners listeners) {
        FinalPlan f = plan.finalPhase().orElseThrow();
        Map<String, FinalMember> bySpec = new LinkedHashMap<>();
        for (FinalMember m : members) {
            FinalMember first = bySpec.putIfAbsent(BlockStrings.canonical(m.spec()), m);
            if (first != null) {
                listeners.message("effnas: final: " + m.name() + " is the same network as " + first.name()
                        + "; trained once, under final/" + first.name());
            }
        }
        List<FinalMember> distinct = List.copyOf(bySpec.values());
        // the seed of the evaluation each member came from: a continued checkpoint keeps its data order
        List<Proposal> proposals = distinct.stream().map(m -> new Proposal(m.spec(),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, m.seed() - plan.seed())))).toList();
        listeners.message("effnas: final: training " + String.join(", ", members.stream().map(FinalMember::name)
                .toList()) + " at full budget (" + budget(f) + "), measured on the test split");
        List<Observation> observations;
        try (ExperimentEvaluator ev = trainer.start(distinct, f.training(), plan.out(), listeners::message)) {
            listeners.message("effnas: final: training with " + ev.description());
            RunSettings settings = RunSettings.of(f.training(), plan.seed(),
                    ExperimentEngine.accuracyOnly(distinct.get(0).spec()), SearchBudget.evaluations(proposals.size()))
                    .withOrdered(true);
            PhaseRunner.Result result = PhaseRunner.run(PhaseKind.FINAL, FixedCandidates.of(proposals),
                    ev.evaluator(), plan.journal(PhaseKind.FINAL), PlanIdentity.header(PhaseKind.FINAL,
                            identity(f, distinct), plan, ev.datasetId(), plan.scheduler()), settings, plan.resume(), true,
                    listeners.phase(PhaseKind.FINAL, "final", ev.workers()), Map.of(),
                    Scheduler.of(SchedulerSettings.fifo()), CheckpointRelease.none());
            observations = result.outcome().observations();
        }
        List<ExperimentArtefacts.FinalEvaluation> rows = new ArrayList<>();
        for (FinalMember m : members) {
            String key = BlockStrings.canonical(m.spec());
            observations.stream().filter(o -> o.candidate().specKey().equals(key)).findFirst().ifPresent(o -> rows.add(
                    new ExperimentArtefacts.FinalEvaluation(m, o, PhaseKind.FINAL.text() + "/" + o.candidate().id())));
        }
        artefacts.writeFinal(rows);
        return rows;
    }

    private static String budget(FinalPlan f) {
        return (f.training().steps() > 0 ? f.training().steps() + " steps" : BlockStrings.number(f.training().epochs())
                + " epoch(s)") + (f.training().subset() > 0 ? " over " + f.training().subset() + " training images"
                : " over the whole training split") + ", batch " + f.training().batchSize();
    }

    /** The final journal's identity: the recipe and each member's network, seed and checkpoint. */
    private static ObjectNode identity(FinalPlan f, List<FinalMember> members) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.set("final_training", EvalJson.training(f.training()));
        ArrayNode list = n.putArray("members");
        for (FinalMember m : members) {
            list.addObject().put("name", m.name()).put("spec", BlockStrings.canonical(m.spec())).put("seed", m.seed())
                    .put("checkpoint", m.checkpoint().orElse(""));
        }
        return n;
    }
}
