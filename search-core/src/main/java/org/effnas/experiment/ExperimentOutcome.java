package org.effnas.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.effnas.grid.GridReport;
import org.effnas.search.Observation;
import org.effnas.search.SearchOutcome;

/**
 * What an experiment produced: each phase's outcome (empty when not planned or not reached), the
 * search winner and the grid's report.
 */
public record ExperimentOutcome(String experimentId, Path directory, boolean surrogate,
                                Optional<SearchOutcome> search, Optional<SearchOutcome> random,
                                Optional<Observation> best, Optional<SearchOutcome> gridOutcome,
                                Optional<GridReport> grid, List<ExperimentArtefacts.FamilyEvaluation> family) {

    /** True when every planned phase produced what the next needs (a winner, a grid winner). */
    public boolean succeeded(ExperimentPlan plan) {
        if (plan.search().isPresent() && best.isEmpty()) {
            return false;
        }
        return plan.grid().isEmpty() || grid.flatMap(GridReport::winner).isPresent();
    }
}
