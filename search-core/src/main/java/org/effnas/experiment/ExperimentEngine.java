package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.effnas.cache.CachingEvaluator;
import org.effnas.cache.ResultCache;
import org.effnas.cost.CostModel;
import org.effnas.eval.Evaluator;
import org.effnas.family.ScaledFamily;
import org.effnas.grid.GridReport;
import org.effnas.grid.GridRow;
import org.effnas.grid.GridSearch;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.ReplicateGroups;
import org.effnas.schedule.RungLadder;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.FixedCandidates;
import org.effnas.search.Observation;
import org.effnas.search.Proposal;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchStrategy;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SpaceReference;

/**
 * The one experiment driver: runs an {@link ExperimentPlan} phase by phase (search and its random
 * baseline, grid around the winner, family, and last the final training of the chosen winners,
 * {@link FinalPhase}), each with its own journal, all through one evaluator
 * behind the cross-experiment cache, resuming every phase where it stopped. Each table goes through
 * the {@link ExperimentArtefacts} writer as soon as its phase is done; {@code best/} and
 * {@code family/} are written here.
 */
public final class ExperimentEngine {

    private final ExperimentPlan plan;
    private final ExperimentArtefacts artefacts;
    private final BestModelSaver bestModel;
    private final PhaseListeners listeners;
    /** The evaluator the phases run on, and the same behind the cache (what they submit to). */
    private final ExperimentEvaluator ev;
    private final Evaluator shared;
    /** rungs.csv's rows so far, of every phase. */
    private final List<ExperimentArtefacts.RungRow> rungs = new ArrayList<>();

    private ExperimentEngine(ExperimentPlan plan, ExperimentArtefacts artefacts, BestModelSaver bestModel,
                             PhaseListeners listeners, ExperimentEvaluator ev, Evaluator shared) {
        this.plan = plan;
        this.artefacts = artefacts;
        this.bestModel = bestModel;
        this.listeners = listeners;
        this.ev = ev;
        this.shared = shared;
    }

    /** Runs the plan to the end (or to the first phase that produced nothing for the next). */
    public static ExperimentOutcome run(ExperimentPlan plan, EvaluatorProvider evaluators, ExperimentArtefacts artefacts,
                                        BestModelSaver bestModel, PhaseListeners listeners) {
        return run(plan, evaluators, artefacts, bestModel, FinalTrainer.NONE, listeners);
    }

    /**
     * Runs the plan to the end; its final phase, last, trains with {@code finalTrainer} once the
     * phases before it are done (and their evaluator is closed).
     */
    public static ExperimentOutcome run(ExperimentPlan plan, EvaluatorProvider evaluators, ExperimentArtefacts artefacts,
                                        BestModelSaver bestModel, FinalTrainer finalTrainer, PhaseListeners listeners) {
        // names a cluster: the same plan always has the same id
        String id = PlanIdentity.experimentId(plan);
        if (plan.search().isEmpty() && plan.grid().isEmpty()) {
            // the final phase alone, on the winners of a finished experiment directory
            listeners.message("effnas: final phase of experiment " + id + " in " + plan.out());
            FinalPhase.run(plan, plan.finalPhase().orElseThrow().resolved(), finalTrainer, artefacts, listeners);
            return new ExperimentOutcome(id, plan.out(), plan.surrogate(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
        listeners.message("effnas: experiment " + id + " in " + plan.out()
                + (plan.surrogate() ? "  [SURROGATE evaluator: no network is trained]" : ""));
        listeners.message(PlanEstimate.of(plan).describe(plan) + (plan.resume() ? "; a resume runs only what "
                + "the journals lack" : ""));
        plan.finalPhase().ifPresent(f -> listeners.message("effnas: " + f.describe()));
        ExperimentOutcome outcome;
        try (ExperimentEvaluator ev = evaluators.start(reference(plan), id, listeners::message)) {
            listeners.message("effnas: evaluating with " + ev.description());
            Evaluator shared = ev.evaluator();
            if (plan.cacheDir().isPresent()) {
                shared = CachingEvaluator.of(shared, ResultCache.at(plan.cacheDir().get()), ev.datasetId(), plan.fresh());
            }
            outcome = new ExperimentEngine(plan, artefacts, bestModel, listeners, ev, shared).phases(id);
        }
        if (plan.finalPhase().isPresent() && outcome.succeeded(plan)) {
            FinalPhase.run(plan, FinalPhase.resolve(plan, outcome), finalTrainer, artefacts, listeners);
        }
        return outcome;
    }

    /** The architecture the surrogate calibrates to: the space's reference, else the grid's base. */
    private static ArchSpec reference(ExperimentPlan plan) {
        return plan.search().map(s -> SpaceReference.of(s.space()))
                .orElseGet(() -> plan.grid().orElseThrow().base().orElseThrow());
    }

    /**
     * Runs one phase on the shared evaluator with its own journal (resumed when the plan resumes),
     * adding its rung evaluations to rungs.csv.
     *
     * @param ladder      the scheduler settings the phase's journal header records
     * @param followsBase see {@link PhaseRunner#run}
     */
    private PhaseRunner.Result runPhase(PhaseKind kind, String label, SearchStrategy strategy, ObjectNode identity,
                                        SchedulerSettings ladder, RunSettings settings, boolean followsBase,
                                        Map<Integer, Double> earlier, Scheduler scheduler, CheckpointRelease release) {
        PhaseRunner.Result r = PhaseRunner.run(kind, strategy, shared, plan.journal(kind),
                PlanIdentity.header(kind, identity, plan, ev.datasetId(), ladder), settings, plan.resume(),
                followsBase, listeners.phase(kind, label, ev.workers()), earlier, scheduler, release);
        if (plan.usesRungs()) {
            r.outcome().observations().stream().filter(o -> o.candidate().fidelity() != null)
                    .forEach(o -> rungs.add(new ExperimentArtefacts.RungRow(kind, o)));
            artefacts.writeRungs(rungs);
        }
        return r;
    }

    private ExperimentOutcome phases(String id) {
        Optional<SearchOutcome> search = Optional.empty();
        Optional<SearchOutcome> random = Optional.empty();
        Optional<Observation> best = Optional.empty();
        Map<String, List<Observation>> known = new LinkedHashMap<>();
        if (plan.search().isPresent()) {
            SearchPlan s = plan.search().get();
            Map<String, Map<Integer, Double>> earlier = plan.resume() ? artefacts.earlierArrivals() : Map.of();
            noteBudget(s);
            RunSettings settings = settings(s.reward(), s.budget());
            PhaseRunner.Result main = runPhase(PhaseKind.SEARCH, "search " + s.strategy().text(),
                    s.strategy().create(s.space(), s.evolution(), s.reward().metric(), plan.seed()),
                    PlanIdentity.search(s), plan.scheduler(), settings, false,
                    earlier.getOrDefault(s.strategy().text(), Map.of()), searchScheduler(plan.scheduler(), s.budget()), ev.checkpoints());
            List<ExperimentArtefacts.CandidateRow> rows = new ArrayList<>(main.rows(s.strategy().text()));
            search = Optional.of(main.outcome());
            if (s.randomBaseline()) {
                PhaseRunner.Result r = runPhase(PhaseKind.RANDOM, "random baseline",
                        StrategyKind.RANDOM.create(s.space(), s.evolution(), s.reward().metric(), plan.seed()),
                        PlanIdentity.random(s), plan.scheduler(), settings, false,
                        earlier.getOrDefault(StrategyKind.RANDOM.text(), Map.of()), searchScheduler(plan.scheduler(), s.budget()),
                        ev.checkpoints());
                rows.addAll(r.rows(StrategyKind.RANDOM.text()));
                random = Optional.of(r.outcome());
            }
            artefacts.writeCandidates(rows);
            best = main.outcome().best();
            if (best.isEmpty()) {
                listeners.message("effnas: the search produced no successful candidate (" + main.outcome().failures()
                        + " failed); see candidates.csv");
            } else {
                saveBest(best.get());
                if (!plan.usesRungs() || best.get().rung() == plan.scheduler().ladder().top()) {
                    known.put(PhaseKind.SEARCH.text(), List.of(best.get()));
                }
            }
        }
        if (plan.grid().isEmpty() || (plan.search().isPresent() && best.isEmpty())) {
            return new ExperimentOutcome(id, plan.out(), plan.surrogate(), search, random, best, Optional.empty(),
                    Optional.empty(), List.of());
        }
        GridPlan g = plan.grid().get();
        ArchSpec base = g.base().isPresent() ? g.base().get() : best.orElseThrow().candidate().spec();
        int divisor = g.divisorFor(base);
        // under rungs the grid's pool is the triples alone: the single-dimension comparisons are not
        // contenders, and the family trains them at the top rung beside the members
        GridSearch grid = GridSearch.of(base, g.grid(), g.seeds(), divisor, g.singleDimension() && !plan.usesRungs(),
                g.achievedTolerance());
        List<Proposal> proposals = grid.proposals();
        SchedulerSettings ladder = gridLadder(proposals.size() / g.seeds());
        PhaseRunner.Result gridRun = runPhase(PhaseKind.GRID, "grid", FixedCandidates.of(proposals),
                PlanIdentity.grid(g, base, divisor), ladder, settings(accuracyOnly(base),
                        SearchBudget.evaluations(proposals.size())), g.base().isEmpty(), Map.of(),
                gridScheduler(ladder, proposals.size(), g.seeds()), ev.checkpoints());
        List<Observation> allGrid = gridRun.outcome().observations();
        List<Observation> gridObs = plan.usesRungs() ? decidingRung(allGrid, ladder.ladder()) : allGrid;
        GridReport report = grid.report(gridObs);
        artefacts.writeGrid(gridRows(grid, report, allGrid));
        known.put(PhaseKind.GRID.text(), gridObs);
        Optional<GridRow> winner = report.winner();
        List<ExperimentArtefacts.FamilyEvaluation> family = List.of();
        if (winner.isEmpty()) {
            listeners.message("effnas: every grid evaluation failed; no family (see grid.csv)");
        } else {
            GridRow w = winner.get();
            listeners.message(String.format(Locale.ROOT, "effnas: grid winner alpha=%s beta=%s gamma=%s (mean top-1 "
                            + "%.4f over %d seed(s)%s)", BlockStrings.number(w.coefficients().alpha()),
                    BlockStrings.number(w.coefficients().beta()), BlockStrings.number(w.coefficients().gamma()),
                    w.accuracy().mean(), w.accuracy().n(), report.winnerWithinTolerance() ? ""
                            : "; no triple met the achieved-FLOPs tolerance, picked among all"));
            if (plan.family().isPresent()) {
                family = family(plan.family().get(), base, divisor, w, g.seeds(), known);
            }
        }
        return new ExperimentOutcome(id, plan.out(), plan.surrogate(), search, random, best,
                Optional.of(gridRun.outcome()), Optional.of(report), family);
    }

    private List<ExperimentArtefacts.FamilyEvaluation> family(FamilyPlan f, ArchSpec base, int divisor, GridRow winner,
                                                              int seeds, Map<String, List<Observation>> known) {
        ScaledFamily members = f.targets().isPresent()
                ? f.targets().get().solve(base, winner.coefficients(), divisor)
                : ScaledFamily.range(base, winner.coefficients(), f.phiMin(), f.phiMax(), divisor);
        if (f.singleDimension() && f.targets().isEmpty()) {
            members = members.withSingleDimension(Math.max(1, f.phiMin()), f.singleDimensionPhiMax());
        }
        // every evaluation of a spec, with its id qualified by the phase (journal) that holds it
        Map<String, List<Qualified>> bySpec = new LinkedHashMap<>();
        known.forEach((phase, list) -> list.forEach(o -> bySpec.computeIfAbsent(o.candidate().specKey(),
                k -> new ArrayList<>()).add(new Qualified(o, phase + "/" + o.candidate().id()))));
        List<ArchSpec> toTrain = members.members().stream().map(ScaledFamily.Member::spec)
                .filter(s -> !bySpec.containsKey(BlockStrings.canonical(s))).distinct().toList();
        // under rungs a DL4J family is saved from its checkpoints: what the runner lets go is released
        // only after they are saved
        List<String> heldBack = new ArrayList<>();
        if (!toTrain.isEmpty()) {
            List<Proposal> proposals = Proposal.replicated(toTrain, seeds);
            PhaseRunner.Result run = runPhase(PhaseKind.FAMILY, "family", FixedCandidates.of(proposals),
                    PlanIdentity.family(f, base, winner.coefficients(), seeds), PlanIdentity.familyScheduler(plan),
                    settings(accuracyOnly(base), SearchBudget.evaluations(proposals.size())), true, Map.of(),
                    Scheduler.of(PlanIdentity.familyScheduler(plan)),
                    savesFamilyModels() ? heldBack::add : ev.checkpoints());
            run.outcome().observations().forEach(o -> bySpec.computeIfAbsent(o.candidate().specKey(),
                    k -> new ArrayList<>()).add(new Qualified(o, PhaseKind.FAMILY.text() + "/" + o.candidate().id())));
        }
        List<ExperimentArtefacts.FamilyEvaluation> rows = new ArrayList<>();
        Path dir = plan.out().resolve("family");
        for (ScaledFamily.Member m : members.members()) {
            write(dir.resolve(m.name() + ".yaml"), "# " + m.name() + ": " + m.scaling().text() + " scaling, phi "
                    + BlockStrings.number(m.phi()) + ", width x" + BlockStrings.number(m.factors().width()) + ", depth x"
                    + BlockStrings.number(m.factors().depth()) + ", resolution " + m.spec().resolution() + "\n"
                    + SpecFiles.toYaml(m.spec()));
            for (Qualified q : bySpec.getOrDefault(BlockStrings.canonical(m.spec()), List.of())) {
                rows.add(new ExperimentArtefacts.FamilyEvaluation(m, q.observation(), q.id()));
            }
        }
        artefacts.writeFamily(rows);
        if (savesFamilyModels()) {
            FamilyModels.save(members, rows, dir, bestModel, listeners);
            heldBack.forEach(ev.checkpoints()::release); // ids already qualified by the phase
        } else if (bestModel != BestModelSaver.NONE && !members.members().isEmpty()) {
            listeners.message(FamilyModels.notSaved(members, plan.out()));
        }
        return rows;
    }

    /** Family members become deployable models only from rung checkpoints, and only where networks train. */
    private boolean savesFamilyModels() {
        return plan.usesRungs() && bestModel != BestModelSaver.NONE;
    }

    /**
     * The grid's results at the rung that decides it: the top rung, or, when no triple was promoted
     * that far (fewer triples than eta at some rung), the highest rung any triple reached. Lower rungs
     * only chose which triples continue; their figures are in rungs.csv.
     */
    private List<Observation> decidingRung(List<Observation> obs, RungLadder ladder) {
        int deciding = obs.stream().filter(o -> o.result().ok()).mapToInt(Observation::rung).max().orElse(0);
        if (deciding < ladder.top()) {
            listeners.message("effnas: no grid triple reached the top rung (" + ladder.stepsAt(ladder.top())
                    + " steps); the grid is decided at rung " + deciding + " (" + ladder.stepsAt(deciding) + " steps)");
        } else {
            listeners.message("effnas: the grid is decided at the top rung (" + ladder.stepsAt(deciding) + " steps)");
        }
        return obs.stream().filter(o -> o.rung() == deciding).toList();
    }

    private record Qualified(Observation observation, String id) {
    }

    /** best/: the trained model (once per winner), then the spec with the search's figures. */
    private void saveBest(Observation best) {
        Path dir = plan.out().resolve("best");
        String json = SpecFiles.toJson(best.candidate().spec());
        if (bestModel != BestModelSaver.NONE) {
            boolean saved = Files.isRegularFile(dir.resolve("model.zip")) && sameText(dir.resolve("spec.json"), json);
            if (saved) {
                listeners.message("effnas: best/model.zip of the winner " + best.candidate().id()
                        + " is already saved; not trained again");
            } else if (best.candidate().fidelity() != null) {
                listeners.message("effnas: saving the winner " + best.candidate().id() + "'s checkpoint (rung "
                        + best.rung() + ", " + best.candidate().fidelity().steps() + " steps) as best/model.zip ...");
            } else {
                listeners.message("effnas: training the winner " + best.candidate().id()
                        + " once more to save best/model.zip ...");
            }
            if (!saved) {
                listeners.message("effnas: " + bestModel.save(best, dir));
            }
        }
        // after the model: its archive's spec.yaml is replaced by the same spec with the search's figures
        write(dir.resolve("spec.yaml"), "# best baseline " + best.candidate().id() + ": reward " + best.rewardOrWorst()
                + ", top-1 " + best.accuracy() + ", " + best.macs() + " MACs (" + best.result().provenance().evaluator()
                + ")\n" + (plan.surrogate() ? "# SURROGATE: the accuracy comes from the analytic surrogate, not a "
                + "trained network\n" : "") + SpecFiles.toYaml(best.candidate().spec()));
        write(dir.resolve("spec.json"), json);
    }

    private void noteBudget(SearchPlan s) {
        if (s.budget().limitsEvaluations() && s.space().size().compareTo(BigInteger.valueOf(s.budget().evaluations())) < 0) {
            listeners.message("effnas: note: the budget (" + s.budget().evaluations() + ") exceeds the space's "
                    + s.space().size() + " architectures; the search stops when it runs out of new ones");
        }
    }

    private RunSettings settings(Reward reward, SearchBudget budget) {
        return RunSettings.of(plan.training(), plan.seed(), reward, budget).withOrdered(plan.ordered());
    }

    /** The grid and family rank by accuracy alone: with w = 0 the reward is exactly the accuracy. */
    static Reward accuracyOnly(ArchSpec base) {
        return Reward.of(CostModel.of(base).macs(), 0, 0, CostMetric.MACS);
    }

    /**
     * The search's scheduler. Under a budget of N evaluations the candidates are a fixed pool of N, so
     * once all have run the best of the highest rung reached continues to the top: ASHA alone would
     * stop 20 candidates at 270 of 810 steps (20, 6, 2, then floor(2/3) = 0), and the search would be
     * decided where depth-scaled and slow-starting nets still lag. A time budget keeps ASHA's own rule.
     */
    static Scheduler searchScheduler(SchedulerSettings settings, SearchBudget budget) {
        Scheduler rule = Scheduler.of(settings);
        return budget.limitsEvaluations() ? FixedPoolScheduler.of(rule, budget.evaluations()) : rule;
    }

    /**
     * The grid's scheduler: the plan's over the pool of triples, with a triple's seeds promoted
     * together by their mean (each seed continuing its own checkpoint), so the triples that reach the
     * top rung are measured there over every seed.
     */
    static Scheduler gridScheduler(SchedulerSettings ladder, int proposals, int seeds) {
        return ReplicateGroups.of(FixedPoolScheduler.of(Scheduler.of(ladder), proposals / seeds), seeds);
    }

    /** The grid's ladder: the plan's, entered where its pool of triples can climb it (SchedulerSettings.forPool). */
    private SchedulerSettings gridLadder(int triples) {
        SchedulerSettings ladder = plan.scheduler().forPool(triples);
        if (!ladder.equals(plan.scheduler())) {
            listeners.message("effnas: the grid's " + triples + " triples enter the ladder at " + ladder.ladder()
                    .stepsAt(0) + " steps (rungs " + ladder.ladder().steps() + "): from " + plan.scheduler()
                    .minSteps() + ", halving by " + plan.scheduler().eta() + " would leave none at the top");
        }
        return ladder;
    }

    /**
     * grid.csv's rows: every evaluation of every rung (rungs in order, triples in enumeration order),
     * each beside its triple's summary over the seeds measured at that rung; the winner (decided at
     * the deciding rung) is marked on all its rows.
     */
    private static List<ExperimentArtefacts.GridEvaluation> gridRows(GridSearch grid, GridReport report,
                                                                     List<Observation> observations) {
        Map<Integer, List<Observation>> byRung = new TreeMap<>();
        observations.forEach(o -> byRung.computeIfAbsent(o.rung(), k -> new ArrayList<>()).add(o));
        Optional<CompoundCoefficients> winner = report.winner().map(GridRow::coefficients);
        List<ExperimentArtefacts.GridEvaluation> rows = new ArrayList<>();
        byRung.forEach((rung, atRung) -> {
            for (GridRow row : grid.rows(atRung, winner)) {
                String key = BlockStrings.canonical(row.spec());
                for (Observation o : atRung) {
                    if (o.candidate().specKey().equals(key)) {
                        rows.add(new ExperimentArtefacts.GridEvaluation(row, o));
                    }
                }
            }
        });
        return rows;
    }

    private static boolean sameText(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
