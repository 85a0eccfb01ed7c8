package org.effnas.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.experiment.BestModelSaver;
import org.effnas.experiment.ExperimentEngine;
import org.effnas.experiment.ExperimentPlan;
import org.effnas.experiment.FinalMember;
import org.effnas.report.FinalPoint;
import org.effnas.report.ReportBuilder;
import org.effnas.report.ResultTables;

/**
 * Runs the final phase on a finished experiment directory ({@code effnas final DIR}): the
 * directory's own plan reduced to its final phase, the members looked up in the directory's files
 * ({@link FinalMembers}), through the same {@link ExperimentEngine} and table writer as
 * {@code effnas run}, so its journal, {@code final.csv} and models are the ones a run's final phase
 * writes. The directory's {@code config.yaml} gets the final section that ran; the report is rebuilt.
 */
public final class FinalLaunch {

    /** What the final phase left: the rows of {@code final.csv} and the rebuilt report. */
    public record Result(List<FinalPoint> rows, Path report) {
    }

    private FinalLaunch() {
    }

    /** The experiment config of a directory, or bad input saying it is not one. */
    public static ExperimentConfig config(Path dir) {
        Path file = dir.resolve(ReportBuilder.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(dir + ": not an experiment directory (no " + ReportBuilder.CONFIG
                    + "); give the --out directory of a finished effnas run, search or grid");
        }
        return ConfigLoader.load(file);
    }

    /**
     * @param config the directory's config with the final section to run ({@code final.members} set)
     * @param log    progress and messages (stderr for the CLI)
     */
    public static Result run(Path dir, ExperimentConfig config, PrintStream log) throws IOException {
        // the final phase uses no result cache: it must keep each member's weights
        ExperimentLaunch.Planned planned = ExperimentLaunch.plan(config, new LaunchOptions(dir, true,
                java.util.Optional.empty(), false, 0, java.util.Optional.empty()));
        ExperimentConfig resolved = planned.config();
        List<FinalMember> members = FinalMembers.resolve(dir, resolved, resolved.finalTraining().members());
        ExperimentPlan plan = planned.plan().finalOnly(members, planned.plan().finalPhase().orElseThrow().training());
        ExperimentDirectory.prepare(dir, resolved, true);
        ExperimentEngine.run(plan, (reference, id, line) -> {
            throw new IllegalStateException("the final phase alone starts no search evaluator");
        }, new ResultTableWriter(dir), BestModelSaver.NONE, FinalTraining.trainer(resolved),
                ExperimentLaunch.consoleListeners(log, false));
        return new Result(ResultTables.readFinal(dir), ReportBuilder.build(dir));
    }
}
