package org.effnas.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.FamilyConfig;
import org.effnas.config.GridConfig;
import org.effnas.experiment.ExperimentOutcome;
import org.effnas.grid.AccuracySummary;
import org.effnas.grid.GridReport;
import org.effnas.grid.GridRow;
import org.effnas.grid.SingleDimensionRow;
import org.effnas.notation.BlockStrings;
import org.effnas.pipeline.ExperimentLaunch;
import org.effnas.reference.Architectures;
import org.effnas.search.SearchOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas grid}: step 1 of compound scaling (the alpha/beta/gamma grid) around a given base and,
 * with {@code --family N}, step 2 (the winner's family, trained). Builds the experiment with the grid's
 * own base (so no search) and runs it through the one engine, as {@code effnas run} runs its grid.
 */
@Command(name = "grid",
        description = {
            "Grid-searches the compound-scaling coefficients: every alpha, beta, gamma >= 1 on a --step lattice up "
                    + "to --max with |alpha*beta^2*gamma^2 - 2| <= --tolerance scales the base at phi = 1; each is "
                    + "evaluated (over --seeds seeds) and the best mean accuracy wins (ties: fewer MACs).",
            "Writes DIR/grid.csv (one row per evaluation: alpha, beta, gamma, the triple's mean top-1 and 95%% "
                    + "interval, winner, and the evaluation with its provenance), DIR/grid-journal.jsonl, "
                    + "DIR/config.yaml and DIR/report.html. The depth-, width- and resolution-only scaling to the "
                    + "same FLOPs (the paper's Figure 8) go to DIR/family.csv as D1, W1, R1 beside the winner's B1.",
            "--family N then trains the winner's family phi = 0..N (DIR/family/*.yaml, DIR/family.csv, "
                    + "DIR/family-journal.jsonl); 'effnas family' prints a family without training it.",
            "--config FILE takes the grid, training and evaluator settings from an experiment config; flags given "
                    + "override it."},
        footer = {"", "Examples:",
            "  effnas grid --base effnas-mini --evaluator surrogate --step 0.05 \\",
            "      --seeds 3 --workers 4 --out runs/grid",
            "  effnas grid --base effnas-mini --evaluator surrogate --step 0.1 \\",
            "      --max-triples 10 --family 3 --out runs/grid-family",
            "", "Exit codes: 0 done, 1 the run failed, 2 bad input (no feasible triple, unknown base, a directory "
                    + "holding another experiment, a journal from a newer effnas)."})
public final class GridCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    ExperimentFlags run;

    @Option(names = "--base", paramLabel = "NAME|FILE",
            description = "Base network: a built-in name (e.g. effnas-mini, efficientnet-b0) or a spec file "
                    + "(required unless the config's grid.base names one).")
    String base;

    @Option(names = "--step", paramLabel = "S",
            description = "Lattice step of each coefficient (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--tolerance", paramLabel = "TOL",
            description = "Allowed |alpha*beta^2*gamma^2 - 2| (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max", paramLabel = "M",
            description = "Largest value of each coefficient (default: ${DEFAULT-VALUE}).")
    double max;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Evaluations per triple with seeds seed..seed+N-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--max-triples", paramLabel = "K",
            description = "Evaluate only the K triples nearest the constraint, 0 = all (default: ${DEFAULT-VALUE}).")
    int maxTriples;

    @Option(names = "--resolution-divisor", paramLabel = "N",
            description = "Scaled resolutions are multiples of N (default: 4 for bases of 64 px or more, else 1).")
    Integer resolutionDivisor;

    @Option(names = "--achieved-tolerance", paramLabel = "TOL",
            description = "Only a triple whose FLOPs ratio after rounding is within TOL of 2 may win (default: no "
                    + "such rule, as in the paper). Small bases round a nominal 2x to 3x and more; e.g. 0.25.")
    Double achievedTolerance;

    @Option(names = "--no-single-dimension", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Skip the depth/width/resolution-only comparison (default: ${DEFAULT-VALUE}).")
    boolean noSingleDimension;

    @Option(names = "--family", paramLabel = "N",
            description = "Then train the winner's family phi = 0..N (0 = none) (default: ${DEFAULT-VALUE}).")
    int family;

    @Override
    public Integer call() throws Exception {
        if (run.session.dryRun) {
            return RunCommand.printPlan(command, ExperimentLaunch.plan(config(), run.launch()));
        }
        ExperimentLaunch.Result r = ExperimentLaunch.run(config(), run.launch(), System.err);
        report(command.commandLine().getOut(), r.outcome(), r);
        return r.outcome().succeeded(r.plan()) ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    /** The experiment these flags describe: the grid around --base (no search), then the family when asked. */
    ExperimentConfig config() {
        InputCheck.refuse(base == null, "--base: give a built-in architecture or a spec file");
        Architectures.resolve(base);
        InputCheck.refuse(family < 0 || family > 16, "--family: phi must be in [0, 16], got " + family);
        InputCheck.refuse(seeds < 1 || seeds > 100, "--seeds: must be in [1, 100], got " + seeds);
        InputCheck.refuse(maxTriples < 0, "--max-triples: must be >= 0 (0 = all), got " + maxTriples);
        ExperimentConfig c = run.apply(run.base());
        GridConfig grid = new GridConfig(true, base, step, tolerance, max, seeds, maxTriples, resolutionDivisor,
                achievedTolerance, c.grid().coefficients());
        boolean single = !noSingleDimension;
        FamilyConfig f;
        if (!run.given("--family") && !run.given("--no-single-dimension") && c.family().enabled() && family > 0) {
            f = c.family(); // the config file's family, as it is
        } else if (family > 0) {
            f = new FamilyConfig(true, 0, family, single, 1);
        } else {
            // the grid's own comparison at phi = 1 (B1, D1, W1, R1): nothing more is trained
            f = new FamilyConfig(single, 1, 1, single, 1);
        }
        return new ExperimentConfig(c.dataset(), c.space(), c.reward(), c.strategy(), c.training(), c.evaluator(),
                grid, f, c.cluster(), c.seed(), c.output(), c.scheduler(), c.latency());
    }

    private void report(PrintWriter out, ExperimentOutcome o, ExperimentLaunch.Result r) {
        GridReport report = o.grid().orElseThrow();
        SearchOutcome run = o.gridOutcome().orElseThrow();
        String tag = o.surrogate() ? "SURROGATE " : "";
        out.printf(Locale.ROOT, "%sgrid %s: %d triples, %d evaluations (%d failed, %d from the cache this session)%n",
                tag, o.experimentId(), report.rows().size(), run.observations().size(), run.failures(),
                run.cachedResults());
        List<GridRow> best = new ArrayList<>(report.rows());
        best.sort((a, b) -> Double.compare(b.accuracy().mean(), a.accuracy().mean()));
        out.println("top triples by mean accuracy:");
        out.println("  alpha  beta   gamma  flops(nom) flops(act)  " + tag + "accuracy (95% CI)");
        for (GridRow row : best.subList(0, Math.min(5, best.size()))) {
            out.printf(Locale.ROOT, "  %-6s %-6s %-6s %10.4f %10.4f  %s%s%n", num(row.coefficients().alpha()),
                    num(row.coefficients().beta()), num(row.coefficients().gamma()), row.nominalFlopsRatio(),
                    row.achievedFlopsRatio(), accuracy(row.accuracy()), row.winner() ? "  <- winner" : "");
        }
        if (!report.singleDimension().isEmpty()) {
            out.println("same FLOPs, one dimension at a time (Figure 8):");
            for (SingleDimensionRow s : report.singleDimension()) {
                out.printf(Locale.ROOT, "  %-16s FLOPs x%.4f  %s%n", s.method(), s.achievedFlopsRatio(),
                        accuracy(s.accuracy()));
            }
        }
        if (!report.winnerWithinTolerance()) {
            out.println("note: no triple achieved a FLOPs ratio within --achieved-tolerance of 2; the winner was "
                    + "picked among all triples");
        }
        report.winner().ifPresent(w -> out.printf(Locale.ROOT, "winner: alpha=%s beta=%s gamma=%s%n",
                num(w.coefficients().alpha()), num(w.coefficients().beta()), num(w.coefficients().gamma())));
        if (!o.family().isEmpty()) {
            out.println("family -> " + o.directory().resolve("family.csv") + " and " + o.directory().resolve("family"));
        }
        out.println("grid -> " + o.directory().resolve("grid.csv") + ", journal -> "
                + o.directory().resolve("grid-journal.jsonl"));
        out.println("report -> " + r.report());
        out.flush();
    }

    private static String accuracy(AccuracySummary a) {
        if (!a.measured()) {
            return "no successful evaluation";
        }
        return a.n() < 2 ? String.format(Locale.ROOT, "%.4f (1 seed)", a.mean())
                : String.format(Locale.ROOT, "%.4f +- %.4f [%.4f, %.4f] (%d seeds)", a.mean(), a.std(), a.ciLow(),
                        a.ciHigh(), a.n());
    }

    private static String num(double v) {
        return BlockStrings.number(v);
    }
}
