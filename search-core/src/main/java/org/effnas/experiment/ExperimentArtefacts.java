package org.effnas.experiment;

import java.util.List;
import java.util.Map;
import org.effnas.family.ScaledFamily;
import org.effnas.grid.GridRow;
import org.effnas.search.Observation;

/**
 * The one writer of each result table of an experiment directory ({@code candidates.csv},
 * {@code grid.csv}, {@code family.csv}), whichever command planned the experiment. The table formats
 * belong to the module that reports them; the engine hands it rows.
 */
public interface ExperimentArtefacts {

    /** One search or random-baseline evaluation, in the order its run recorded it. */
    record CandidateRow(String run, int index, double elapsedSeconds, Observation observation) {
    }

    /**
     * One evaluation of a grid triple, beside the triple's summary over its seeds at the evaluation's
     * rung (under a multi-fidelity scheduler every rung a triple reached has its rows).
     */
    record GridEvaluation(GridRow row, Observation observation) {
    }

    /**
     * One evaluation of a scaled model.
     *
     * @param qualifiedId the candidate id qualified by the phase that evaluated it, e.g. {@code grid/c000007}
     */
    record FamilyEvaluation(ScaledFamily.Member member, Observation observation, String qualifiedId) {
    }

    /** One rung evaluation of a multi-fidelity run (its candidate carries the {@code Fidelity}). */
    record RungRow(PhaseKind phase, Observation observation) {
    }

    /**
     * One final-phase evaluation: a member trained at full budget and measured on the test split.
     *
     * @param qualifiedId the evaluation's id in the final journal, e.g. {@code final/c000001}; members
     *                    that are the same network share one evaluation
     */
    record FinalEvaluation(FinalMember member, Observation observation, String qualifiedId) {
    }

    /** {@code final.csv}: one row per final member; writers without a final table ignore it. */
    default void writeFinal(List<FinalEvaluation> rows) {
        // a writer without a final table ignores them
    }

    /**
     * Every rung evaluation of the experiment so far ({@code rungs.csv}), rewritten whole after each
     * phase; only runs under a scheduler with rungs write it.
     */
    default void writeRungs(List<RungRow> rows) {
        // a writer without a rung table ignores them
    }

    void writeCandidates(List<CandidateRow> rows);

    void writeGrid(List<GridEvaluation> rows);

    void writeFamily(List<FamilyEvaluation> rows);

    /**
     * When each result of each run arrived in earlier sessions (run name -> 1-based index -> seconds),
     * read back from the candidates table on a resume, so the timings stay continuous.
     */
    Map<String, Map<Integer, Double>> earlierArrivals();
}
