package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.config.GridConfig;
import org.effnas.cost.CostModel;
import org.effnas.eval.Evaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.CoefficientGrid;
import org.effnas.grid.GridReport;
import org.effnas.grid.GridRow;
import org.effnas.grid.GridSearch;
import org.effnas.grid.SingleDimensionRow;
import org.effnas.notation.BlockStrings;
import org.effnas.report.GridPoint;
import org.effnas.report.Measurement;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.search.FixedCandidates;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.spec.ArchSpec;

/**
 * Step 1 of compound scaling inside a run: search-core's {@link GridSearch} plans every feasible
 * (alpha, beta, gamma) at phi = 1 around the search winner (plus depth-, width- and resolution-only
 * scaling to the same FLOPs when the family compares them), the experiment's evaluator trains each
 * over the configured seeds, and the grid's report picks the winner by mean accuracy.
 */
final class GridPhase {

    /** The grid's report, its raw observations and the rows of {@code grid.csv}. */
    record Result(GridReport report, List<Observation> observations, List<GridPoint> points) {

        Optional<GridRow> winner() {
            return report.winner();
        }
    }

    private GridPhase() {
    }

    /** Scaled resolutions are rounded to multiples of 4 for ImageNet-sized inputs, of 1 for 28-32 px. */
    static int resolutionDivisor(ArchSpec base) {
        return base.resolution() >= 64 ? 4 : 1;
    }

    /** Ranks by accuracy alone: with w = 0 the reward is exactly the accuracy. */
    static Reward accuracyOnly(ArchSpec base) {
        return Reward.of(CostModel.of(base).macs(), 0, 0, CostMetric.MACS);
    }

    static Result run(GridConfig g, boolean singleDimension, ArchSpec base, Evaluator shared, ExperimentDirectory dir,
                      ObjectNode identity, TrainingSettings training, long seed, boolean resume,
                      ProgressListener listener) {
        CoefficientGrid lattice = CoefficientGrid.of(g.step(), g.max(), g.tolerance(), g.maxTriples());
        GridSearch grid = GridSearch.of(base, lattice, g.seeds(), resolutionDivisor(base), singleDimension);
        var proposals = grid.proposals();
        ObjectNode config = identity.deepCopy();
        config.put("grid_base", BlockStrings.canonical(base));
        RunSettings settings = RunSettings.of(training, seed, accuracyOnly(base), SearchBudget.evaluations(proposals.size()));
        PhaseRun.Result run = PhaseRun.run("grid", FixedCandidates.of("grid", proposals), shared, dir.gridJournal(),
                config, settings, resume, listener, Map.of());
        List<Observation> observations = run.outcome().observations();
        GridReport report = grid.report(observations);
        List<GridPoint> points = new ArrayList<>();
        for (GridRow row : report.rows()) {
            String key = BlockStrings.canonical(row.spec());
            for (Observation o : observations) {
                if (o.candidate().specKey().equals(key)) {
                    points.add(new GridPoint(row.coefficients().alpha(), row.coefficients().beta(),
                            row.coefficients().gamma(), row.accuracy().mean(), row.accuracy().ciLow(),
                            row.accuracy().ciHigh(), row.winner(), Measurement.of(o.result())));
                }
            }
        }
        return new Result(report, observations, points);
    }

    /** The grid's evaluations of a single-dimension scaling (phi = 1), for the family comparison. */
    static List<Observation> observationsOf(Result grid, SingleDimensionRow row) {
        String key = BlockStrings.canonical(row.spec());
        return grid.observations().stream().filter(o -> o.candidate().specKey().equals(key)).toList();
    }
}
