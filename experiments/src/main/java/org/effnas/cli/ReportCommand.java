package org.effnas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.effnas.report.ReportBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code effnas report DIR}: (re)builds report.html and the chart PNGs of an experiment directory. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "(Re)builds report.html and the charts (PNG) of an experiment directory from its config.yaml and "
                    + "CSV tables; works on a finished, running or interrupted experiment.",
            "The report is one self-contained HTML file (inline CSS, charts as embedded PNG) that needs no network. "
                    + "Results from the surrogate evaluator are labelled SURROGATE on every chart and table."},
        footer = {"", "Example:", "  effnas report runs/demo", "",
            "Exit codes: 0 done, 1 failed, 2 not an experiment directory or a corrupt file in it."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment directory (the --out of effnas run).")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        Path report = ReportBuilder.build(dir);
        spec.commandLine().getOut().println("effnas: report written to " + report.toAbsolutePath());
        return Effnas.EXIT_OK;
    }
}
