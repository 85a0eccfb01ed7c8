package org.effnas.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.experiment.EvaluatorProvider;
import org.effnas.experiment.ExperimentEngine;
import org.effnas.experiment.ExperimentOutcome;
import org.effnas.experiment.ExperimentPlan;
import org.effnas.experiment.PhaseKind;
import org.effnas.experiment.PhaseListeners;
import org.effnas.experiment.PlanEstimate;
import org.effnas.progress.LiveProgress;
import org.effnas.report.ReportBuilder;
import org.effnas.search.ProgressListener;
import org.effnas.space.SearchSpace;
import org.effnas.surrogate.SimulatedDuration;

/**
 * Runs the experiment a config describes through search-core's {@link ExperimentEngine}: resolves
 * the config, plans it, starts the evaluator (reading the data before the directory is taken),
 * prepares the directory, runs the engine with this module's table writer and model saver, and
 * builds the report. What {@code search}, {@code grid}, {@code run}, {@code coordinator} and
 * {@code demo} all call once they have a config.
 */
public final class ExperimentLaunch {

    /** A config resolved (T written in) and planned, checked by the config rules; nothing has run. */
    public record Planned(ExperimentConfig config, SearchSpace space, ExperimentPlan plan) {

        public PlanEstimate estimate() {
            return PlanEstimate.of(plan);
        }
    }

    /** What a launch produced. */
    public record Result(ExperimentPlan plan, ExperimentOutcome outcome, Path report) {
    }

    private ExperimentLaunch() {
    }

    /** Resolves, checks and plans a config (what {@code --dry-run} prints). */
    public static Planned plan(ExperimentConfig config, LaunchOptions options) {
        SearchSpace space = SpaceSetup.of(config);
        ExperimentConfig resolved = ConfigPlan.resolve(config, space).withOutput(options.out().toString());
        // what config.yaml will hold must load again (a resume and the report read it): the config
        // rules check settings that came from flags too
        ConfigLoader.parse(ConfigLoader.toYaml(resolved), "the experiment's settings", Path.of("."),
                resolved.output());
        return new Planned(resolved, space, ConfigPlan.of(resolved, space, options));
    }

    /** Progress lines (rewritten in place on a terminal) and messages on {@code log}. */
    static PhaseListeners consoleListeners(PrintStream log, boolean surrogate) {
        boolean terminal = LiveProgress.isTerminal();
        return new PhaseListeners() {
            @Override
            public ProgressListener phase(PhaseKind kind, String label, IntSupplier workers) {
                // the final phase trains for real whatever evaluator chose its members
                return LiveProgress.of(log, terminal, LiveProgress.LOG_EVERY_SECONDS, label,
                        surrogate && kind != PhaseKind.FINAL, workers);
            }

            @Override
            public void message(String line) {
                log.println(line);
                log.flush();
            }
        };
    }

    /**
     * @param log progress lines and messages (stderr for the CLI)
     */
    public static Result run(ExperimentConfig config, LaunchOptions options, PrintStream log) throws IOException {
        Planned planned = plan(config, options);
        ExperimentConfig resolved = planned.config();
        ExperimentPlan plan = planned.plan();
        EvaluatorProvider evaluators = EvaluatorSetup.provider(resolved, planned.space(),
                SimulatedDuration.proportionalToMacs(options.simulateSeconds()));
        ExperimentDirectory dir = ExperimentDirectory.prepare(options.out(), resolved, options.resume());
        WallTimeEstimate.forConfig(resolved, plan, Calibration.defaultFile(), log).ifPresent(e -> {
            log.println(e.describe());
            log.flush();
        });
        PhaseListeners listeners = consoleListeners(log, plan.surrogate());
        // SIGINT/SIGTERM: one line saying what is kept and how to continue
        Thread onStop = new Thread(() -> {
            log.println("effnas: stopped; every finished evaluation is in the journals of " + dir.root()
                    + options.resumeCommand().map(c -> "; continue with: " + c).orElse(""));
            log.flush();
        }, "effnas-stop-hint");
        Runtime.getRuntime().addShutdownHook(onStop);
        ExperimentOutcome outcome;
        try {
            outcome = ExperimentEngine.run(plan, evaluators, new ResultTableWriter(dir.root()),
                    BestModel.saver(resolved), FinalTraining.trainer(resolved), listeners);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the stop line is printed
            }
        }
        return new Result(plan, outcome, ReportBuilder.build(dir.root()));
    }
}
