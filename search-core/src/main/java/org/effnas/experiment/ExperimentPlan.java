package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.effnas.eval.TrainingSettings;
import org.effnas.schedule.SchedulerSettings;

/**
 * Everything one experiment runs, typed and validated before anything starts: its phases (a
 * search with an optional random baseline, a grid, a family, a final phase; each optional, in this
 * order) and what they share. Every command builds one of these and hands it to the {@link ExperimentEngine}.
 *
 * @param evaluator what evaluates candidates (recorded in every journal's identity)
 * @param training  the training recipe of every candidate of every phase
 * @param seed      the experiment seed: the same plan and seed give the same candidates
 * @param out       the experiment directory
 * @param resume    continue the experiment journalled in {@code out}; without it existing journals are refused
 * @param cacheDir  the cross-experiment result cache, or empty for none
 * @param fresh     evaluate even what the cache holds (results still refresh it)
 * @param ordered   process results in submission order: the candidates are then a function of the
 *                  seed alone, with any number of workers
 * @param scheduler the multi-fidelity scheduler of the search and grid phases (fifo without rungs:
 *                  every candidate trains the recipe once); under one with rungs the family trains at
 *                  its top rung
 * @param finalPhase the chosen winners trained at full budget and measured on the test split, last;
 *                  a plan of a final phase alone carries its members resolved from a finished directory
 */
public record ExperimentPlan(Optional<SearchPlan> search, Optional<GridPlan> grid, Optional<FamilyPlan> family,
                             EvaluatorKind evaluator, TrainingSettings training, long seed, Path out, boolean resume,
                             Optional<Path> cacheDir, boolean fresh, boolean ordered,
                             SchedulerSettings scheduler, Optional<FinalPlan> finalPhase) {

    public ExperimentPlan {
        if (search == null || grid == null || family == null || evaluator == null || training == null
                || cacheDir == null || scheduler == null || finalPhase == null) {
            throw new IllegalArgumentException("experiment plan: every component is required (empty for none)");
        }
        if (out == null) {
            throw new InvalidSettingException("output directory", "required");
        }
        boolean finalOnly = finalPhase.isPresent() && !finalPhase.get().resolved().isEmpty();
        if (search.isEmpty() && grid.isEmpty() && !finalOnly) {
            throw new InvalidSettingException("phases", "a plan needs a search or a grid");
        }
        if (finalOnly && (search.isPresent() || grid.isPresent())) {
            throw new IllegalArgumentException("experiment plan: resolved final members make a plan of the final "
                    + "phase alone");
        }
        if (grid.isPresent() && grid.get().base().isEmpty() && search.isEmpty()) {
            throw new InvalidSettingException("grid base", "a grid without a search needs a base network");
        }
        if (family.isPresent() && grid.isEmpty()) {
            throw new InvalidSettingException("family", "the family needs the grid's winning coefficients; "
                    + "plan a grid too");
        }
    }

    /** A plan without a final phase. */
    public ExperimentPlan(Optional<SearchPlan> search, Optional<GridPlan> grid, Optional<FamilyPlan> family,
                          EvaluatorKind evaluator, TrainingSettings training, long seed, Path out, boolean resume,
                          Optional<Path> cacheDir, boolean fresh, boolean ordered, SchedulerSettings scheduler) {
        this(search, grid, family, evaluator, training, seed, out, resume, cacheDir, fresh, ordered, scheduler,
                Optional.empty());
    }

    /** A plan under the default scheduler (fifo: every candidate trains the recipe once). */
    public ExperimentPlan(Optional<SearchPlan> search, Optional<GridPlan> grid, Optional<FamilyPlan> family,
                          EvaluatorKind evaluator, TrainingSettings training, long seed, Path out, boolean resume,
                          Optional<Path> cacheDir, boolean fresh, boolean ordered) {
        this(search, grid, family, evaluator, training, seed, out, resume, cacheDir, fresh, ordered,
                SchedulerSettings.fifo(), Optional.empty());
    }

    /** The plan of this one's final phase alone, its members resolved (what {@code effnas final} runs). */
    public ExperimentPlan finalOnly(List<FinalMember> members, TrainingSettings finalTraining) {
        List<String> names = members.stream().map(FinalMember::name).toList();
        return new ExperimentPlan(Optional.empty(), Optional.empty(), Optional.empty(), evaluator, training, seed, out,
                true, Optional.empty(), false, ordered, scheduler,
                Optional.of(new FinalPlan(names, finalTraining, members)));
    }

    /** True when candidates train in rungs (and write checkpoints): any scheduler with {@code max_steps}. */
    public boolean usesRungs() {
        return scheduler.maxSteps() > 0;
    }

    public boolean surrogate() {
        return evaluator == EvaluatorKind.SURROGATE;
    }

    /** The journal of a phase in the experiment directory. */
    public Path journal(PhaseKind phase) {
        return out.resolve(phase.journal());
    }
}
