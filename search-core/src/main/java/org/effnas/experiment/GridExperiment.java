package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.family.ScaledFamily;
import org.effnas.grid.AccuracySummary;
import org.effnas.grid.GridReport;
import org.effnas.grid.GridRow;
import org.effnas.grid.GridSearch;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.reward.CostMetric;
import org.effnas.reward.Reward;
import org.effnas.search.FixedCandidates;
import org.effnas.search.ProgressListener;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.spec.ArchSpec;

/**
 * Step 1 (and optionally the evaluation of step 2) of compound scaling end to end: every feasible
 * (alpha, beta, gamma) applied to the base at phi = 1, evaluated over seeds through the same
 * journalled runner as a search; {@code grid.csv}, {@code single-dimension.csv} and {@code winner.yaml}
 * in the output directory. With a family, the winner's members phi = 0..N are evaluated in a second
 * journal ({@code family-journal.jsonl}) into {@code family-accuracy.csv}.
 */
public final class GridExperiment {

    /** What a grid produced. */
    public record Result(String experimentId, GridReport report, SearchOutcome outcome,
                         Optional<ScaledFamily> family, boolean surrogate) {
    }

    private GridExperiment() {
    }

    public static Result run(GridSettings s, ExperimentOptions o, Function<ArchSpec, EvaluatorChoice> evaluators,
                             ProgressListener listener) {
        ArchSpec base = Architectures.resolve(s.base());
        GridSearch grid = GridSearch.of(base, s.grid(), s.seeds(), s.resolutionDivisor(), s.singleDimension(),
                s.achievedTolerance());
        EvaluatorChoice choice = evaluators.apply(base);
        // The grid ranks by accuracy alone: a reward with w = 0 is exactly the accuracy.
        Reward accuracyOnly = Reward.of(CostModel.of(base).macs(), 0, 0, CostMetric.MACS);
        var proposals = grid.proposals();
        GridReport report;
        SearchOutcome outcome;
        String id;
        try (ExperimentSession session = ExperimentSession.open(o.out().resolve("journal.jsonl"), "grid",
                identity(s, base), o, choice, listener)) {
            id = session.experimentId();
            outcome = session.run(FixedCandidates.of("grid", proposals), accuracyOnly,
                    SearchBudget.evaluations(proposals.size()));
            report = grid.report(outcome.observations());
        }
        try {
            report.write(o.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the grid report to " + o.out() + ": " + e.getMessage(), e);
        }
        report.winner().ifPresent(w -> SearchExperiment.write(o.out().resolve("winner.yaml"), winnerHeader(w, id,
                choice.isSurrogate()) + SearchExperiment.withNewline(SpecFiles.toYaml(w.spec()))));
        Optional<ScaledFamily> family = Optional.empty();
        if (s.familyPhiMax() > 0 && report.winner().isPresent()) {
            family = Optional.of(evaluateFamily(s, o, base, report.winner().get(), choice, listener));
        }
        return new Result(id, report, outcome, family, choice.isSurrogate());
    }

    private static ScaledFamily evaluateFamily(GridSettings s, ExperimentOptions o, ArchSpec base, GridRow winner,
                                               EvaluatorChoice choice, ProgressListener listener) {
        ScaledFamily family = ScaledFamily.of(baseName(s.base()), base, winner.coefficients(), s.familyPhiMax(),
                s.resolutionDivisor());
        var proposals = family.proposals(s.seeds());
        ObjectNode identity = identity(s, base);
        identity.put("family_alpha", winner.coefficients().alpha());
        identity.put("family_beta", winner.coefficients().beta());
        identity.put("family_gamma", winner.coefficients().gamma());
        try (ExperimentSession session = ExperimentSession.open(o.out().resolve("family-journal.jsonl"), "family",
                identity, o, choice, listener)) {
            SearchOutcome outcome = session.run(FixedCandidates.of("family", proposals),
                    Reward.of(CostModel.of(base).macs(), 0, 0, CostMetric.MACS), SearchBudget.evaluations(proposals.size()));
            SearchExperiment.write(o.out().resolve("family-accuracy.csv"),
                    family.accuracyCsv(AccuracySummary.bySpec(outcome.observations())));
        }
        return family;
    }

    /** The member-name prefix: the built-in name, or the spec file's name without extension. */
    public static String baseName(String base) {
        if (Architectures.names().contains(base)) {
            return base;
        }
        Path file = Path.of(base).getFileName();
        return file == null ? "base" : file.toString().replaceFirst("\\.(ya?ml|json)$", "");
    }

    private static ObjectNode identity(GridSettings s, ArchSpec base) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("base", BlockStrings.canonical(base));
        n.put("step", s.grid().step());
        n.put("max", s.grid().max());
        n.put("tolerance", s.grid().tolerance());
        n.put("max_triples", s.grid().maxTriples());
        n.put("seeds", s.seeds());
        n.put("resolution_divisor", s.resolutionDivisor());
        n.put("single_dimension", s.singleDimension());
        if (Double.isFinite(s.achievedTolerance())) {
            n.put("achieved_tolerance", s.achievedTolerance());
        }
        return n;
    }

    private static String winnerHeader(GridRow w, String id, boolean surrogate) {
        return String.format(Locale.ROOT, "# effnas grid %s winner: alpha=%s beta=%s gamma=%s at phi=1, "
                        + "accuracy mean %.6f over %d seed(s), FLOPs x%.4f nominal / x%.4f achieved%n%s", id,
                BlockStrings.number(w.coefficients().alpha()), BlockStrings.number(w.coefficients().beta()),
                BlockStrings.number(w.coefficients().gamma()), w.accuracy().mean(), w.accuracy().n(),
                w.nominalFlopsRatio(), w.achievedFlopsRatio(),
                surrogate ? "# SURROGATE: the accuracy comes from the analytic surrogate, not a trained network\n" : "");
    }
}
