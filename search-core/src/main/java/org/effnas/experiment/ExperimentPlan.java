package org.effnas.experiment;

import org.effnas.InvalidSettingException;
import java.nio.file.Path;
import java.util.Optional;
import org.effnas.eval.TrainingSettings;

/**
 * Everything one experiment runs, typed and validated before anything starts: its phases (a
 * search with an optional random baseline, a grid, a family; each optional, in this order) and what
 * they share. Every command builds one of these and hands it to the {@link ExperimentEngine}.
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
 */
public record ExperimentPlan(Optional<SearchPlan> search, Optional<GridPlan> grid, Optional<FamilyPlan> family,
                             EvaluatorKind evaluator, TrainingSettings training, long seed, Path out, boolean resume,
                             Optional<Path> cacheDir, boolean fresh, boolean ordered) {

    public ExperimentPlan {
        if (search == null || grid == null || family == null || evaluator == null || training == null
                || cacheDir == null) {
            throw new IllegalArgumentException("experiment plan: every component is required (empty for none)");
        }
        if (out == null) {
            throw new InvalidSettingException("output directory", "required");
        }
        if (search.isEmpty() && grid.isEmpty()) {
            throw new InvalidSettingException("phases", "a plan needs a search or a grid");
        }
        if (grid.isPresent() && grid.get().base().isEmpty() && search.isEmpty()) {
            throw new InvalidSettingException("grid base", "a grid without a search needs a base network");
        }
        if (family.isPresent() && grid.isEmpty()) {
            throw new InvalidSettingException("family", "the family needs the grid's winning coefficients; "
                    + "plan a grid too");
        }
    }

    public boolean surrogate() {
        return evaluator == EvaluatorKind.SURROGATE;
    }

    /** The journal of a phase in the experiment directory. */
    public Path journal(PhaseKind phase) {
        return out.resolve(phase.journal());
    }
}
