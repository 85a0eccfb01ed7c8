package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.config.BudgetConfig;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.FamilyConfig;
import org.effnas.config.GridConfig;
import org.effnas.config.Quantities;
import org.effnas.config.RewardConfig;
import org.effnas.config.SpaceConfig;
import org.effnas.config.StrategyConfig;
import org.effnas.experiment.ExperimentOutcome;
import org.effnas.experiment.StrategyKind;
import org.effnas.pipeline.ExperimentLaunch;
import org.effnas.reward.CostMetric;
import org.effnas.search.Observation;
import org.effnas.search.SearchOutcome;
import org.effnas.space.SearchSpaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas search}: the baseline architecture search (MnasNet step) alone. Builds the experiment
 * (from {@code --config}, flags, or both) with the grid and family off and runs it through the one
 * engine, exactly as {@code effnas run} runs the search phase.
 */
@Command(name = "search",
        description = {
            "Searches a baseline ConvNet in a MnasNet-style search space for the best reward "
                    + "ACC x [cost/T]^w (soft constraint w = -0.07 by default; --hard: 0 below T, -1 above).",
            "Steady-state and asynchronous: --workers evaluations run at once and each finished one is replaced "
                    + "at once. Every candidate and result goes to DIR/journal.jsonl (fsynced); --resume continues "
                    + "an interrupted search exactly where it stopped. DIR gets candidates.csv, best/ (spec.yaml, "
                    + "spec.json; model.zip when it trained), config.yaml and report.html, as 'effnas run' writes them.",
            "--config FILE takes every setting from an experiment config; flags given override it. The same config "
                    + "and seed give the same candidates here and in 'effnas run'.",
            "Results are shared across experiments through the cache (the same spec, training settings, seed "
                    + "and dataset are never trained twice; --fresh evaluates again).",
            "--evaluator surrogate is an analytic stand-in (no network is trained): fast and reproducible, "
                    + "every output it touches says SURROGATE."},
        footer = {"", "Examples:",
            "  effnas search --space mnasnet-small --evaluator surrogate \\",
            "      --budget 200 --workers 4 --seed 1 --out runs/search-demo",
            "  effnas search --space mnasnet-small --evaluator surrogate \\",
            "      --strategy nsga2 --budget 300 --out runs/front",
            "  effnas search --config experiments/configs/demo.yaml --budget 8 --out runs/s",
            "", "Exit codes: 0 done, 1 the run failed (or nothing succeeded), 2 bad input (flags, config, space, "
                    + "a directory holding another experiment, a journal from a newer effnas)."})
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    ExperimentFlags run;

    @Option(names = "--space", paramLabel = "NAME|FILE",
            description = "Search space: mnasnet-small, mnasnet, or a YAML/JSON space file (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "evolution (steady-state, Jenetics operators), random, or nsga2 (accuracy vs cost, "
                    + "Pareto front) (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--budget", paramLabel = "N", description = "Number of evaluations in total, counting those "
            + "of earlier sessions when resuming (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--max-time", paramLabel = "TIME", description = "Also stop submitting after this long in this "
            + "session, e.g. 90s, 30m, 2h.")
    String maxTime;

    @Option(names = "--target-macs", paramLabel = "T", description = "The reward's target T in multiply-adds "
            + "(default: the space's reference architecture's MACs at the dataset's input).")
    Long targetMacs;

    @Option(names = "--target-latency-ms", paramLabel = "T", description = "T in milliseconds with --cost latency: "
            + "required with --evaluator dl4j (a measured latency depends on the machine); the surrogate defaults "
            + "to its reference architecture's latency.")
    Double targetLatencyMs;

    @Option(names = "--w", paramLabel = "W", description = "Soft-constraint exponent (default: ${DEFAULT-VALUE}).")
    double w;

    @Option(names = "--hard", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Hard constraint: w = 0 at or under T, -1 above (default: ${DEFAULT-VALUE}).")
    boolean hard;

    @Option(names = "--cost", paramLabel = "METRIC", description = "macs, or latency (MnasNet form: DL4J measures "
            + "each candidate's batch-1 latency) (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--population", paramLabel = "N",
            description = "Evolution/nsga2 population (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--tournament", paramLabel = "K",
            description = "Evolution tournament size, at most the population (default: ${DEFAULT-VALUE}).")
    int tournament;

    @Option(names = "--elites", paramLabel = "K",
            description = "Best individuals never aged out, below the population (default: ${DEFAULT-VALUE}).")
    int elites;

    @Option(names = "--mutation", paramLabel = "P",
            description = "Probability that each decision of a child is redrawn (default: ${DEFAULT-VALUE}).")
    double mutation;

    @Option(names = "--crossover", paramLabel = "P",
            description = "Probability that a child is recombined from two parents (default: ${DEFAULT-VALUE}).")
    double crossover;

    @Option(names = "--random-baseline", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Also run random search on the same budget (DIR/random-journal.jsonl), for comparison "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean randomBaseline;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig c = config();
        if (run.session.dryRun) {
            return RunCommand.printPlan(command, ExperimentLaunch.plan(c, run.launch()));
        }
        ExperimentLaunch.Result r = ExperimentLaunch.run(c, run.launch(), System.err);
        report(command.commandLine().getOut(), r);
        return r.outcome().best().isPresent() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    /** The experiment these flags describe: the search alone. */
    ExperimentConfig config() {
        ExperimentConfig base = run.apply(run.base());
        InputCheck.refuse(budget < 1 || budget > BudgetConfig.MAX_EVALUATIONS,
                "--budget: must be in 1.." + BudgetConfig.MAX_EVALUATIONS + " evaluations, got " + budget);
        InputCheck.refuse(targetMacs != null && targetMacs < 1, "--target-macs: must be > 0, got " + targetMacs);
        InputCheck.refuse(targetLatencyMs != null && !(targetLatencyMs > 0),
                "--target-latency-ms: must be > 0, got " + targetLatencyMs);
        InputCheck.refuse(!(w >= -1 && w <= 0), "--w: must be in [-1, 0], got " + w);
        CostMetric metric;
        try {
            metric = CostMetric.parse(cost);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--cost: unknown metric '" + cost + "', expected macs or latency");
        }
        RewardConfig reward = new RewardConfig(targetMacs, targetLatencyMs, w, hard ? "hard" : "soft", metric);
        int t = run.given("--tournament") ? tournament : Math.min(tournament, population);
        int e = run.given("--elites") ? elites : Math.max(0, Math.min(elites, population - 1));
        StrategyConfig s = new StrategyConfig(StrategyKind.parse(strategy), population, t, e, crossover, mutation,
                randomBaseline, base.strategy().ordered(), new BudgetConfig(budget, maxTime == null ? Duration.ZERO
                : duration(maxTime)));
        GridConfig g = base.grid();
        FamilyConfig f = base.family();
        return new ExperimentConfig(base.dataset(), space(), reward, s, base.training(), base.evaluator(),
                new GridConfig(false, null, g.step(), g.tolerance(), g.max(), g.seeds(), g.maxTriples(),
                        g.resolutionDivisor(), g.achievedTolerance(), g.coefficients()),
                new FamilyConfig(false, f.phiMin(), f.phiMax(), f.singleDimension(), f.singleDimensionPhiMax()),
                base.cluster(), base.seed(), base.output(), base.scheduler(), base.latency());
    }

    private SpaceConfig space() {
        if (SearchSpaces.names().contains(space)) {
            return SpaceConfig.of(space);
        }
        Path file = Path.of(space);
        InputCheck.refuse(!java.nio.file.Files.isRegularFile(file),
                "--space: '" + space + "' is neither a built-in space ("
                + String.join(", ", SearchSpaces.names()) + ") nor a space file");
        SearchSpaces.load(file);
        return new SpaceConfig(null, file.toAbsolutePath().toString());
    }

    private void report(PrintWriter out, ExperimentLaunch.Result r) {
        ExperimentOutcome o = r.outcome();
        SearchOutcome s = o.search().orElseThrow();
        String tag = o.surrogate() ? "SURROGATE " : "";
        out.printf(Locale.ROOT, "%ssearch %s: %d evaluations (%d failed, %d from the cache this session), stopped: %s%n",
                tag, o.experimentId(), s.observations().size(), s.failures(), s.cachedResults(),
                s.stopReason().description());
        out.printf(Locale.ROOT, "reward: %s%n", r.plan().search().orElseThrow().reward());
        if (o.best().isEmpty()) {
            out.println("no candidate succeeded: nothing to report (see " + o.directory().resolve("candidates.csv") + ")");
        } else {
            Observation b = o.best().get();
            out.printf(Locale.ROOT, "best: %s reward %.4f, %stop1 %.4f, %,d MACs, %,d params -> %s%n",
                    b.candidate().id(), b.reward().getAsDouble(), tag, b.accuracy(), b.macs(), b.result().params(),
                    o.directory().resolve("best").resolve("spec.yaml"));
            out.println("      " + b.candidate().specKey());
        }
        out.println("candidates -> " + o.directory().resolve("candidates.csv") + ", journal -> "
                + o.directory().resolve("journal.jsonl"));
        out.println("report -> " + r.report());
        out.flush();
    }

    /** {@code 90s}, {@code 30m}, {@code 1h30m}, ISO-8601 or plain seconds: the configs' duration syntax. */
    static Duration duration(String text) {
        Duration d = Quantities.parseDuration(text);
        InputCheck.refuse(d == null, "--max-time: expected a duration such as 90s, 30m, 1h30m or PT15M; got '"
                + text + "'");
        return d;
    }
}
