package org.effnas.cli;

import java.io.PrintWriter;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigFlags;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code effnas} command line. Exit codes: 0 done, 1 the run failed, 2 bad input (a one-line
 * message naming the field or file and the fix, never a stack trace).
 */
@Command(name = "effnas",
        mixinStandardHelpOptions = true,
        versionProvider = EffnasVersion.class,
        description = "Search a ConvNet under a FLOPs budget, grid-search compound-scaling coefficients "
                + "and scale the winner into a model family (MnasNet + EfficientNet on the JVM).",
        subcommands = {
                CommandLine.HelpCommand.class,
                // Each command registers itself on its own line below.
                InspectCommand.class,
                FamilyCommand.class,
                SearchCommand.class,
                GridCommand.class,
                RunCommand.class,
                ReportCommand.class,
                DemoCommand.class,
                CoordinatorCommand.class,
                WorkerCommand.class,
                TrainCommand.class,
                BenchCommand.class,
        })
public final class Effnas implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        LauncherWatch.start();
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (what tests call instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        String[] expanded;
        try {
            // search and grid take --config FILE as flags (see ConfigFlags)
            expanded = ConfigFlags.expand(args);
        } catch (InvalidInputException bad) {
            cl.getErr().println("effnas: " + bad.getMessage());
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        return cl.execute(expanded);
    }

    /** The configured command line, with bad input mapped to exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Effnas());
        cl.setExecutionExceptionHandler(Effnas::handleExecutionException);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("effnas: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = ex;
        while (t != null && !(t instanceof InvalidInputException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof InvalidInputException bad) {
            err.println("effnas: " + bad.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("effnas: failed: " + ex);
        ex.printStackTrace(err);
        return EXIT_FAILED;
    }
}
