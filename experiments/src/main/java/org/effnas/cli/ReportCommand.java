package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.effnas.report.ReportBuilder;
import org.effnas.report.ReportCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code effnas report DIR}: (re)builds report.html and the chart PNGs of an experiment directory. */
@Command(name = "report",
        description = {
            "(Re)builds report.html and the charts (PNG) of an experiment directory: the --out of effnas run, "
                    + "search or grid, finished, running (marked PARTIAL) or interrupted.",
            "The report opens with a summary (winner, accuracy with its 95%% interval and n, margin, family, "
                    + "files to use next). It is one self-contained HTML file (inline CSS, charts as inline SVG) "
                    + "that needs no network. Results from the surrogate evaluator are labelled SURROGATE.",
            "--check compares the written report with the files it came from (summary figures against "
                    + "best/metrics.json or candidates.csv, the Final models table against final.csv, every chart present and "
                    + "not blank)."},
        footer = {"", "Examples:", "  effnas report runs/demo", "  effnas report --check runs/demo", "",
            "Exit codes: 0 done (check passed), 1 the check failed, 2 not an experiment directory or a corrupt "
                    + "file in it."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The experiment directory (the --out of effnas run, "
            + "search or grid).")
    private Path dir;

    @Option(names = "--check", description = "Check the report already written in DIR instead of rebuilding it.")
    private boolean check;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            List<String> problems = ReportCheck.problems(dir);
            problems.forEach(p -> spec.commandLine().getErr().println("effnas report --check: " + p));
            out.println("effnas: report check " + (problems.isEmpty() ? "passed" : "FAILED (" + problems.size()
                    + " problem(s))") + " for " + dir.resolve(ReportBuilder.REPORT));
            return problems.isEmpty() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
        }
        Path report = ReportBuilder.build(dir);
        out.println("effnas: report written to " + report.toAbsolutePath());
        return Effnas.EXIT_OK;
    }
}
