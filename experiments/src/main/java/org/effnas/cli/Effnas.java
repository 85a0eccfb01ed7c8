package org.effnas.cli;

import java.io.PrintWriter;
import org.effnas.InvalidInputException;
import org.effnas.InvalidSettingException;
import org.effnas.config.ConfigDefaults;
import org.effnas.config.SettingKeys;
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
                ExportCommand.class,
                PredictCommand.class,
                BenchCommand.class,
                FidelityCommand.class,
        })
public final class Effnas implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /** The commands that take their settings as flags (with --config FILE as their defaults). */
    static final java.util.List<String> FLAG_COMMANDS = java.util.List.of("search", "grid");

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
        return commandLine().execute(args);
    }

    /** The configured command line, with bad input mapped to exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Effnas());
        cl.setExecutionExceptionHandler(Effnas::handleExecutionException);
        // search and grid take their flags' defaults from --config FILE, else from a config's defaults
        for (String name : FLAG_COMMANDS) {
            cl.getSubcommands().get(name).setDefaultValueProvider(new ConfigDefaults());
        }
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
        if (t instanceof InvalidSettingException setting) {
            // the core names the setting; say the flag or the config key the user wrote
            String name = (FLAG_COMMANDS.contains(cl.getCommandName()) ? SettingKeys.flag(setting.setting())
                    : SettingKeys.key(setting.setting())).orElse(setting.setting());
            err.println("effnas: " + name + ": " + setting.problem());
            return EXIT_BAD_INPUT;
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
