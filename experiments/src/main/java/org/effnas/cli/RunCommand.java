package org.effnas.cli;

import java.util.Optional;
import org.effnas.InvalidInputException;
import org.effnas.pipeline.Calibration;
import org.effnas.pipeline.WallTimeEstimate;
import org.effnas.progress.ProgressLine;

import java.util.concurrent.Callable;
import org.effnas.config.ExperimentConfig;
import org.effnas.pipeline.ExperimentLaunch;
import org.effnas.pipeline.LaunchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code effnas run}: the whole experiment (search, grid, family, report) from one YAML config. */
@Command(name = "run",
        description = {
            "Runs a whole experiment from one YAML config: the baseline search (and a random-search baseline "
                    + "when asked), the alpha/beta/gamma grid around the winner, the scaled family, and report.html.",
            "The config is validated first; every problem is reported at once with its path in the file (exit 2).",
            "The output directory gets config.yaml (resolved), journal.jsonl and the other phases' journals, "
                    + "candidates.csv, grid.csv, family.csv, best/, family/, report.html and the charts as PNG. "
                    + "A directory that holds an experiment is never overwritten: it is refused unless --resume.",
            "Results are shared across experiments through the cache (--no-cache, --fresh)."},
        footer = {"", "Examples:",
            "  effnas run --config experiments/configs/surrogate-dry-run.yaml --out runs/dry",
            "  effnas run --config experiments/configs/demo.yaml --dry-run",
            "  effnas run --config experiments/configs/fashion-mnist-search.yaml \\",
            "      --out runs/fm --resume",
            "", "Exit codes: 0 done, 1 the run failed, 2 bad input (config, directory)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentRunOptions experiment;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig c = experiment.load();
        return runExperiment(spec, c, experiment.launch(c, spec), experiment.session.dryRun, experiment.yes,
                System.console() != null);
    }

    /** Runs the experiment through the engine and prints where the results are; shared with demo and coordinator. */
    static int runExperiment(CommandSpec spec, ExperimentConfig c, LaunchOptions options, boolean dryRun)
            throws Exception {
        return runExperiment(spec, c, options, dryRun, true, false);
    }

    /**
     * @param yes         start even when the estimate passes an hour with no wall-time budget
     * @param interactive a person is at a terminal (only then is {@code --yes} asked for)
     */
    static int runExperiment(CommandSpec spec, ExperimentConfig c, LaunchOptions options, boolean dryRun,
                             boolean yes, boolean interactive) throws Exception {
        ExperimentLaunch.Planned planned = ExperimentLaunch.plan(c, options);
        if (dryRun) {
            return printPlan(spec, planned);
        }
        // the run prints the estimate with its plan; here it only decides whether to ask for --yes
        Optional<WallTimeEstimate> estimate = WallTimeEstimate.forConfig(planned.config(), planned.plan(),
                Calibration.defaultFile(), System.err);
        if (estimate.isPresent() && estimate.get().needsConfirmation(
                WallTimeEstimate.hasWallTimeBudget(planned.config()), interactive, yes)) {
            throw new InvalidInputException("this run is estimated at over an hour ("
                    + ProgressLine.clock(estimate.get().seconds()) + " of training) and no wall-time budget "
                    + "bounds it: add --yes to start it, or set strategy.budget.wall_time in the config");
        }
        ExperimentLaunch.Result r = ExperimentLaunch.run(c, options, System.err);
        spec.commandLine().getOut().println("effnas: done. Report: " + r.report().toAbsolutePath()
                + (!r.outcome().surrogate() ? "" : r.plan().finalPhase().isPresent()
                        ? "  (SURROGATE search results; the final models were trained)"
                        : "  (SURROGATE results: no network was trained)"));
        spec.commandLine().getOut().flush();
        return r.outcome().succeeded(r.plan()) ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    /** {@code --dry-run}: the plan on stdout, nothing run or written. */
    static int printPlan(CommandSpec spec, ExperimentLaunch.Planned p) {
        WallTimeEstimate.forConfig(p.config(), p.plan(), Calibration.defaultFile(), System.err)
                .ifPresent(e -> spec.commandLine().getOut().println(e.describe()));
        spec.commandLine().getOut().println(p.estimate().describe(p.plan())
                + p.plan().finalPhase().map(f -> "; " + f.describe()).orElse("") + "; dry run: nothing was run");
        spec.commandLine().getOut().flush();
        return Effnas.EXIT_OK;
    }
}
