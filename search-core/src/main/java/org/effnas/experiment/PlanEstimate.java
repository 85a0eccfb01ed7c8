package org.effnas.experiment;

import java.util.Locale;
import java.util.OptionalLong;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.GridSearch;
import org.effnas.schedule.RungLadder;
import org.effnas.schedule.TrainingWork;
import org.effnas.search.SearchBudget;

/**
 * What a plan will evaluate, counted before it runs: evaluations per phase (each one a training with
 * a trained evaluator), the winner's retraining for {@code best/model.zip}, and the optimizer steps of
 * one training when the recipe fixes them. Counts that depend on a winner not yet known (the grid
 * around the search winner, whose rounding may merge triples; the family, whose grid-evaluated members
 * are reused) are upper bounds, and {@link #exact()} says so.
 *
 * @param stepsPerTraining optimizer steps of one training, when the recipe fixes them (steps, or
 *                         epochs over a subset); empty when they depend on the dataset's size
 */
public record PlanEstimate(int search, int random, int grid, int family, int bestModel, boolean exact,
                           OptionalLong stepsPerTraining) {

    /** Every evaluation and training the plan runs, at most. */
    public int total() {
        return search + random + grid + family + bestModel;
    }

    /** Counts a plan from scratch (a resume runs only what its journals lack). */
    public static PlanEstimate of(ExperimentPlan plan) {
        int search = plan.search().map(s -> evaluations(s.budget())).orElse(0);
        int random = plan.search().filter(SearchPlan::randomBaseline).map(s -> evaluations(s.budget())).orElse(0);
        boolean exact = plan.search().map(s -> s.budget().limitsEvaluations()).orElse(true);
        int grid = 0;
        int family = 0;
        if (plan.grid().isPresent()) {
            GridPlan g = plan.grid().get();
            if (g.base().isPresent()) {
                grid = GridSearch.of(g.base().get(), g.grid(), g.seeds(), g.divisorFor(g.base().get()),
                        g.singleDimension() && !plan.usesRungs(), g.achievedTolerance()).proposals().size();
            } else {
                // the search winner is not known yet: every triple and comparison as its own spec
                grid = (g.grid().triples().size() + (g.singleDimension() && !plan.usesRungs() ? 3 : 0)) * g.seeds();
                exact = false;
            }
            if (plan.family().isPresent()) {
                FamilyPlan f = plan.family().get();
                int members = f.targets().map(t -> t.values().size()).orElse(f.phiMax() - f.phiMin() + 1);
                if (f.targets().isPresent()) {
                    family = members * g.seeds();
                    exact = false;
                } else {
                    if (f.singleDimension()) {
                        members += 3 * Math.max(0, f.singleDimensionPhiMax() - Math.max(1, f.phiMin()) + 1);
                    }
                    int reused = 0;
                    if (f.phiMin() == 0 && plan.search().isPresent()) {
                        reused++; // B0 is the search winner
                    }
                    if (f.phiMin() <= 1 && f.phiMax() >= 1) {
                        reused++; // B1 is the grid winner
                    }
                    if (f.singleDimension() && g.singleDimension() && f.phiMin() <= 1 && !plan.usesRungs()) {
                        reused += 3; // D1, W1, R1 come from the grid (under rungs only if they reach the top)
                    }
                    family = Math.max(0, members - reused) * g.seeds();
                    // the members follow the grid winner: one may round to a model already evaluated
                    exact &= family == 0;
                }
            }
        }
        // under rungs the winner's model is its checkpoint: nothing is trained again
        int best = plan.search().isPresent() && plan.evaluator() == EvaluatorKind.DL4J && !plan.usesRungs() ? 1 : 0;
        return new PlanEstimate(search, random, grid, family, best, exact, steps(plan.training()));
    }

    /**
     * What phase {@code phase} of {@code plan} trains. Under rungs the search's candidates enter at rung
     * 0 and the grid's where its pool can climb the ladder (these are the counts above), and the
     * ladder's promotions follow ({@link org.effnas.schedule.Scheduler#work}). Without rungs the
     * search's work includes the winner's retraining for {@code best/model.zip}. Empty when a
     * training's steps depend on the dataset's size.
     */
    public java.util.Optional<TrainingWork> work(ExperimentPlan plan, PhaseKind phase) {
        if (plan.usesRungs()) {
            RungLadder ladder = plan.scheduler().ladder();
            // the schedulers the engine runs, so that what is counted here is what runs
            SearchBudget budget = plan.search().map(SearchPlan::budget).orElse(null);
            return java.util.Optional.of(switch (phase) {
                case SEARCH -> search == 0 ? TrainingWork.NONE
                        : ExperimentEngine.searchScheduler(plan.scheduler(), budget).work(search);
                case RANDOM -> random == 0 ? TrainingWork.NONE
                        : ExperimentEngine.searchScheduler(plan.scheduler(), budget).work(random);
                case GRID -> gridLadderWork(plan);
                case FAMILY -> TrainingWork.of(family, ladder.stepsAt(ladder.top()));
                case FINAL -> TrainingWork.NONE;
            });
        }
        if (stepsPerTraining.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(TrainingWork.of(trainings(phase), stepsPerTraining.getAsLong()));
    }

    /** The trainings phase {@code phase} runs; the search's include the winner's retraining. */
    public int trainings(PhaseKind phase) {
        return switch (phase) {
            case SEARCH -> search + bestModel;
            case RANDOM -> random;
            case GRID -> grid;
            case FAMILY -> family;
            case FINAL -> 0;
        };
    }

    /** The ladder line: the rungs, where each phase enters and the steps in all. */
    private String rungs(ExperimentPlan plan) {
        RungLadder ladder = plan.scheduler().ladder();
        long steps = 0;
        for (PhaseKind phase : PhaseKind.values()) {
            steps += work(plan, phase).orElseThrow().steps();
        }
        return String.format(Locale.ROOT, "; %s rungs %s steps (eta %d): %s, the best continue from their "
                        + "checkpoints, the family trains at %d; %s%d optimizer steps in all",
                plan.scheduler().name().text(), ladder.steps(), plan.scheduler().eta(), entries(plan),
                ladder.stepsAt(ladder.top()),
                plan.scheduler().name() == org.effnas.schedule.SchedulerName.ASHA && exact ? "" : "about ", steps);
    }

    /** Where each phase's candidates enter the ladder: a small grid enters above rung 0 (forPool). */
    private String entries(ExperimentPlan plan) {
        long first = plan.scheduler().ladder().stepsAt(0);
        int seeds = plan.grid().map(GridPlan::seeds).orElse(1);
        long gridFirst = grid == 0 ? first : plan.scheduler().forPool(grid / seeds).ladder().stepsAt(0);
        if (search + random == 0) {
            return grid == 0 ? "candidates start at " + first + " steps" : "the grid starts at " + gridFirst + " steps";
        }
        String searchStart = "the search starts at " + first + " steps";
        return grid == 0 ? searchStart : gridFirst == first ? searchStart + ", and so does the grid"
                : searchStart + " and the grid at " + gridFirst;
    }

    /** The grid's work: its triples go through the ladder, each with all its seeds (ReplicateGroups). */
    private TrainingWork gridLadderWork(ExperimentPlan plan) {
        if (grid == 0) {
            return TrainingWork.NONE;
        }
        int seeds = plan.grid().map(GridPlan::seeds).orElse(1);
        return ExperimentEngine.gridScheduler(plan.scheduler().forPool(grid / seeds), grid, seeds).work(grid);
    }

    private static int evaluations(SearchBudget b) {
        return b.limitsEvaluations() ? b.evaluations() : 0;
    }

    private static OptionalLong steps(TrainingSettings t) {
        if (t.steps() > 0) {
            return OptionalLong.of(t.steps());
        }
        if (t.subset() > 0) {
            return OptionalLong.of((long) Math.ceil(t.epochs() * Math.ceil((double) t.subset() / t.batchSize())));
        }
        return OptionalLong.empty();
    }

    /** One line for the console, e.g. {@code plan: 40 evaluations (search 24, grid 13, family 3) ...}. */
    public String describe(ExperimentPlan plan) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "effnas: plan: %s%d %s (search %d",
                exact ? "" : "up to ", total(), plan.surrogate() ? "surrogate evaluations" : "trainings", search));
        if (random > 0) {
            b.append(", random baseline ").append(random);
        }
        b.append(", grid ").append(grid).append(", family ").append(family);
        if (bestModel > 0) {
            b.append(", the winner once more for best/model.zip");
        }
        b.append(')');
        if (plan.usesRungs()) {
            b.append(rungs(plan));
        } else if (!plan.surrogate()) {
            TrainingSettings t = plan.training();
            b.append(stepsPerTraining.isPresent() ? ", " + stepsPerTraining.getAsLong() + " steps each"
                    : String.format(Locale.ROOT, ", %s epoch(s) over the training split each at batch %d",
                            org.effnas.notation.BlockStrings.number(t.epochs()), t.batchSize()));
        }
        return b.toString();
    }
}
