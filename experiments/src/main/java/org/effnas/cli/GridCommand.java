package org.effnas.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.experiment.GridExperiment;
import org.effnas.experiment.GridSettings;
import org.effnas.grid.AccuracySummary;
import org.effnas.grid.CoefficientGrid;
import org.effnas.grid.GridRow;
import org.effnas.grid.SingleDimensionRow;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas grid}: step 1 of compound scaling (the alpha/beta/gamma grid) and, with
 * {@code --family}, step 2 (the winner's family, through {@code effnas family}). Option parsing only;
 * the work is search-core's {@link GridExperiment}.
 */
@Command(name = "grid",
        mixinStandardHelpOptions = true,
        description = {
            "Grid-searches the compound-scaling coefficients: every alpha, beta, gamma >= 1 on a --step lattice up "
                    + "to --max with |alpha*beta^2*gamma^2 - 2| <= --tolerance scales the base at phi = 1; each is "
                    + "evaluated (over --seeds seeds) and the best mean accuracy wins (ties: fewer MACs).",
            "Writes DIR/grid.csv (alpha,beta,gamma,flops_ratio_nominal,flops_ratio_actual,accuracy_mean,accuracy_std,"
                    + "ci_low,ci_high,winner; 95%% t-intervals over seeds), DIR/single-dimension.csv (depth-, width- and "
                    + "resolution-only scaling to the same FLOPs, as in the paper's Figure 8), DIR/winner.yaml and "
                    + "DIR/journal.jsonl. With step 0.05 up to 2.0 there are 109 feasible triples: use --max-triples "
                    + "or a coarser --step for real training.",
            "--family N then scales the base by the winning triple at phi = 0..N (DIR/family/*.yaml and .json, "
                    + "DIR/family.csv, as effnas family writes them); --evaluate-family also evaluates every member "
                    + "(DIR/family-accuracy.csv, DIR/family-journal.jsonl)."},
        footer = {"", "Examples:",
            "  effnas grid --base effnas-mini --evaluator surrogate --step 0.05 --seeds 3 --workers 4 --out runs/grid",
            "  effnas grid --base effnas-mini --evaluator surrogate --step 0.1 --max-triples 10 --family 3 "
                    + "--evaluate-family --out runs/grid-family",
            "", "Exit codes: 0 done, 1 the run failed, 2 bad input (no feasible triple, unknown base, a directory "
                    + "holding another experiment, a journal from a newer effnas)."})
public final class GridCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    SearchCommand.ExperimentFlags run;

    @Option(names = "--base", required = true, paramLabel = "NAME|FILE",
            description = "Base network: a built-in name (e.g. effnas-mini, efficientnet-b0) or a spec file.")
    String base;

    @Option(names = "--step", defaultValue = "0.05", paramLabel = "S",
            description = "Lattice step of each coefficient (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--tolerance", defaultValue = "0.1", paramLabel = "TOL",
            description = "Allowed |alpha*beta^2*gamma^2 - 2| (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max", defaultValue = "2.0", paramLabel = "M",
            description = "Largest value of each coefficient (default: ${DEFAULT-VALUE}).")
    double max;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N",
            description = "Evaluations per triple with seeds seed..seed+N-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--max-triples", defaultValue = "0", paramLabel = "K",
            description = "Evaluate only the K triples nearest the constraint, 0 = all (default: ${DEFAULT-VALUE}).")
    int maxTriples;

    @Option(names = "--resolution-divisor", paramLabel = "N",
            description = "Scaled resolutions are multiples of N (default: 4 for bases of 64 px or more, else 1).")
    Integer resolutionDivisor;

    @Option(names = "--achieved-tolerance", paramLabel = "TOL",
            description = "Only a triple whose FLOPs ratio after rounding is within TOL of 2 may win (default: no "
                    + "such rule, as in the paper). Small bases round a nominal 2x to 3x and more; e.g. 0.25.")
    Double achievedTolerance;

    @Option(names = "--no-single-dimension", description = "Skip the depth/width/resolution-only comparison.")
    boolean noSingleDimension;

    @Option(names = "--family", defaultValue = "0", paramLabel = "N",
            description = "Scale the base by the winning triple at phi = 0..N and write the family (0 = none).")
    int family;

    @Option(names = "--evaluate-family", description = "Also evaluate every family member.")
    boolean evaluateFamily;

    @Override
    public Integer call() {
        ArchSpec baseSpec = Architectures.resolve(base);
        int divisor = resolutionDivisor != null ? resolutionDivisor : baseSpec.resolution() >= 64 ? 4 : 1;
        GridSettings settings = new GridSettings(base, CoefficientGrid.of(step, max, tolerance, maxTriples), seeds, divisor,
                !noSingleDimension, evaluateFamily ? family : 0,
                achievedTolerance == null ? Double.POSITIVE_INFINITY : achievedTolerance);
        if (evaluateFamily && family < 1) {
            throw new org.effnas.InvalidInputException("--evaluate-family: give the family size with --family N (N >= 1)");
        }
        PrintWriter out = command.commandLine().getOut();
        GridExperiment.Result r = GridExperiment.run(settings, run.options(), run::evaluator, run.progress("grid"));
        report(out, r);
        if (family > 0 && r.report().winner().isPresent()) {
            return writeFamily(r.report().winner().get(), divisor);
        }
        return r.report().winner().isPresent() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    private void report(PrintWriter out, GridExperiment.Result r) {
        String tag = r.surrogate() ? "SURROGATE " : "";
        out.printf(Locale.ROOT, "%sgrid %s: %d triples, %d evaluations (%d failed, %d from the cache this session)%n",
                tag, r.experimentId(), r.report().rows().size(), r.outcome().observations().size(),
                r.outcome().failures(), r.outcome().cachedResults());
        List<GridRow> best = new ArrayList<>(r.report().rows());
        best.sort((a, b) -> Double.compare(b.accuracy().mean(), a.accuracy().mean()));
        out.println("top triples by mean accuracy:");
        out.println("  alpha  beta   gamma  flops(nom) flops(act)  " + tag + "accuracy (95% CI)");
        for (GridRow row : best.subList(0, Math.min(5, best.size()))) {
            out.printf(Locale.ROOT, "  %-6s %-6s %-6s %10.4f %10.4f  %s%s%n", num(row.coefficients().alpha()),
                    num(row.coefficients().beta()), num(row.coefficients().gamma()), row.nominalFlopsRatio(),
                    row.achievedFlopsRatio(), accuracy(row.accuracy()), row.winner() ? "  <- winner" : "");
        }
        if (!r.report().singleDimension().isEmpty()) {
            out.println("same FLOPs, one dimension at a time (Figure 8):");
            for (SingleDimensionRow s : r.report().singleDimension()) {
                out.printf(Locale.ROOT, "  %-16s FLOPs x%.4f  %s%n", s.method(), s.achievedFlopsRatio(),
                        accuracy(s.accuracy()));
            }
        }
        if (!r.report().winnerWithinTolerance()) {
            out.println("note: no triple achieved a FLOPs ratio within --achieved-tolerance of 2; the winner was "
                    + "picked among all triples");
        }
        r.report().winner().ifPresent(w -> out.printf(Locale.ROOT, "winner: alpha=%s beta=%s gamma=%s -> %s%n",
                num(w.coefficients().alpha()), num(w.coefficients().beta()), num(w.coefficients().gamma()),
                run.out.resolve("winner.yaml")));
        r.family().ifPresent(f -> out.println("family accuracy -> " + run.out.resolve("family-accuracy.csv")));
        out.println("grid -> " + run.out.resolve("grid.csv") + ", journal -> " + run.out.resolve("journal.jsonl"));
        out.flush();
    }

    /** Step 2: the family table and spec files exactly as {@code effnas family} writes them. */
    private int writeFamily(GridRow winner, int divisor) {
        CommandLine family = Effnas.commandLine();
        family.setOut(command.commandLine().getOut());
        family.setErr(command.commandLine().getErr());
        return family.execute("family", "--alpha", num(winner.coefficients().alpha()), "--beta",
                num(winner.coefficients().beta()), "--gamma", num(winner.coefficients().gamma()), "--phi",
                "0.." + this.family, "--base", base, "--resolution-divisor", Integer.toString(divisor),
                "--out", run.out.toString());
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
