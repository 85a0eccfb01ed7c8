package org.effnas.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.notation.BlockStrings;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingDimension;
import org.effnas.scaling.ScalingFactors;
import org.effnas.search.Observation;
import org.effnas.search.Proposal;
import org.effnas.spec.ArchSpec;

/**
 * The plan and the aggregation of a coefficient grid search: the base scaled at phi = 1 by every
 * triple of the {@link CoefficientGrid}, plus (optionally) depth-only, width-only and
 * resolution-only scalings to the same nominal FLOPs ratio, each evaluated over {@code seeds}
 * replicates. Evaluation itself goes through the search runner and the journal like any search;
 * specs that two triples round to alike are evaluated once and reported for both.
 */
public final class GridSearch {

    private final ArchSpec base;
    private final long baseMacs;
    private final int seeds;
    private final List<CompoundCoefficients> triples;
    private final List<ArchSpec> tripleSpecs = new ArrayList<>();
    private final List<String> singleMethods = new ArrayList<>();
    private final List<ScalingFactors> singleFactors = new ArrayList<>();
    private final List<ArchSpec> singleSpecs = new ArrayList<>();
    private final double achievedTolerance;

    private GridSearch(ArchSpec base, CoefficientGrid grid, int seeds, int resolutionDivisor, boolean singleDimension,
                       double achievedTolerance) {
        if (!(achievedTolerance > 0)) {
            throw new InvalidInputException("achieved FLOPs tolerance: must be > 0, got " + achievedTolerance);
        }
        this.achievedTolerance = achievedTolerance;
        if (seeds < 1) {
            throw new InvalidInputException("seeds: must be >= 1, got " + seeds);
        }
        if (resolutionDivisor < 1) {
            throw new InvalidInputException("resolution divisor: must be >= 1, got " + resolutionDivisor);
        }
        this.base = base;
        this.baseMacs = CostModel.of(base).macs();
        this.seeds = seeds;
        this.triples = grid.triples();
        for (CompoundCoefficients c : triples) {
            tripleSpecs.add(CompoundScaling.scale(base, c.at(1), resolutionDivisor));
        }
        if (singleDimension) {
            double r = CoefficientGrid.TARGET_RATIO;
            for (ScalingDimension d : List.of(ScalingDimension.DEPTH, ScalingDimension.WIDTH,
                    ScalingDimension.RESOLUTION)) {
                single(d.text() + "-only", d.alone(r), resolutionDivisor);
            }
        }
    }

    /**
     * A grid whose winner must also have achieved, after rounding, a FLOPs ratio within
     * {@code achievedTolerance} of 2 (infinity: no such rule). On small bases, rounding channels to multiples of 8 and repeats
     * up can turn a nominal 2x into 3x or more, and the most accurate triple is then simply the
     * biggest; this keeps the comparison at equal cost. When no triple qualifies, every triple is
     * eligible again ({@link GridReport} says which rule picked the winner).
     *
     * @param resolutionDivisor scaled resolutions are rounded to a multiple of it (see
     *                          {@link org.effnas.scaling.ScalingRules#resolutionDivisor})
     */
    public static GridSearch of(ArchSpec base, CoefficientGrid grid, int seeds, int resolutionDivisor,
                                boolean singleDimension, double achievedTolerance) {
        return new GridSearch(base, grid, seeds, resolutionDivisor, singleDimension, achievedTolerance);
    }

    private void single(String method, ScalingFactors f, int divisor) {
        singleMethods.add(method);
        singleFactors.add(f);
        singleSpecs.add(CompoundScaling.scale(base, f, divisor));
    }

    /** Every evaluation to run: distinct specs times seeds. */
    public List<Proposal> proposals() {
        List<ArchSpec> all = new ArrayList<>(tripleSpecs);
        all.addAll(singleSpecs);
        return Proposal.replicated(all, seeds);
    }

    /**
     * Every triple's row summarising {@code observations} (its seeds among them; under a multi-fidelity
     * scheduler, the results of one rung), in enumeration order, with the triple {@code winner}
     * (decided elsewhere, e.g. at the top rung) marked. A triple without an observation among them
     * has an empty summary.
     */
    public List<GridRow> rows(List<Observation> observations, Optional<CompoundCoefficients> winner) {
        Map<String, AccuracySummary> acc = AccuracySummary.bySpec(observations);
        List<GridRow> rows = new ArrayList<>();
        for (int i = 0; i < triples.size(); i++) {
            ArchSpec spec = tripleSpecs.get(i);
            long macs = CostModel.of(spec).macs();
            rows.add(new GridRow(triples.get(i), spec, triples.get(i).nominalFlopsRatio(), (double) macs / baseMacs,
                    macs, acc.getOrDefault(BlockStrings.canonical(spec), AccuracySummary.none()),
                    winner.isPresent() && winner.get().equals(triples.get(i))));
        }
        return rows;
    }

    /** Aggregates the recorded observations into the report and picks the winner. */
    public GridReport report(List<Observation> observations) {
        Map<String, AccuracySummary> acc = AccuracySummary.bySpec(observations);
        List<GridRow> rows = new ArrayList<>(rows(observations, Optional.empty()));
        Comparator<GridRow> better = Comparator.comparingDouble((GridRow r) -> r.accuracy().mean())
                .thenComparing(Comparator.comparingLong(GridRow::macs).reversed());
        int winner = best(rows, better, true);
        boolean withinTolerance = winner >= 0 || Double.isInfinite(achievedTolerance);
        if (winner < 0) {
            winner = best(rows, better, false);
        }
        if (winner >= 0) {
            rows.set(winner, rows.get(winner).asWinner());
        }
        List<SingleDimensionRow> single = new ArrayList<>();
        for (int i = 0; i < singleSpecs.size(); i++) {
            single.add(singleRow(singleMethods.get(i), singleFactors.get(i), singleSpecs.get(i), acc));
        }
        if (winner >= 0 && !singleSpecs.isEmpty()) {
            GridRow w = rows.get(winner);
            single.add(singleRow("compound", w.coefficients().at(1), w.spec(), acc));
        }
        return new GridReport(rows, single, withinTolerance);
    }

    private int best(List<GridRow> rows, Comparator<GridRow> better, boolean requireTolerance) {
        int winner = -1;
        for (int i = 0; i < rows.size(); i++) {
            GridRow r = rows.get(i);
            boolean eligible = r.accuracy().measured() && (!requireTolerance
                    || Math.abs(r.achievedFlopsRatio() - CoefficientGrid.TARGET_RATIO) <= achievedTolerance);
            if (eligible && (winner < 0 || better.compare(r, rows.get(winner)) > 0)) {
                winner = i;
            }
        }
        return winner;
    }

    private SingleDimensionRow singleRow(String method, ScalingFactors f, ArchSpec spec, Map<String, AccuracySummary> acc) {
        long macs = CostModel.of(spec).macs();
        return new SingleDimensionRow(method, f, spec, f.nominalFlopsRatio(), (double) macs / baseMacs, macs,
                acc.getOrDefault(BlockStrings.canonical(spec), AccuracySummary.none()));
    }
}
