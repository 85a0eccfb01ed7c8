package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidSettingException;
import org.effnas.config.ConfigDefaults;
import org.effnas.config.SettingKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code effnas} command line. Exit codes: 0 done, 1 the run failed, 2 bad input (a one-line
 * message naming the field or file and the fix, never a stack trace). Its {@code --help} and
 * {@code --version} (with the version provider) are declared here once: every subcommand inherits them.
 */
@Command(name = "effnas",
        scope = ScopeType.INHERIT,
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
                FinalCommand.class,
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

    @Option(names = "--verbose", description = "On a failure, print the full stack trace to stderr instead of "
            + "writing it to " + FailureReport.LOG_NAME + " (also: EFFNAS_VERBOSE=1).")
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        LauncherWatch.start();
        // a thread that dies outside a command's own handling still gets one line, not a trace
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println("effnas: failed in thread " + thread.getName() + ": " + FailureReport.summary(failure));
            if (verboseFromEnvironment()) {
                failure.printStackTrace();
            }
        });
        System.exit(execute(args));
    }

    /**
     * Runs the CLI and returns its exit code (what tests call instead of {@link #main}). This is the
     * one top-level handler of every command, the worker's and the coordinator's included: whatever
     * is thrown becomes one line on stderr and exit code 2 (bad input) or 1 (failure).
     */
    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** {@link #execute(String...)} on a configured command line (tests set its out and err writers). */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Throwable failure) { // NOPMD: the last line of defence, Errors (OOM) included
            boolean verbose = verboseFromEnvironment() || List.of(args).contains("--verbose");
            return FailureReport.report(failure, cl.getErr(), null, verbose);
        }
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
            err.println("effnas: " + FailureReport.oneLine(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        InvalidSettingException setting = FailureReport.cause(ex, InvalidSettingException.class);
        if (setting != null && FailureReport.badInput(ex) == setting) {
            // the core names the setting; say the flag or the config key the user wrote
            String name = (FLAG_COMMANDS.contains(cl.getCommandName()) ? SettingKeys.flag(setting.setting())
                    : SettingKeys.key(setting.setting())).orElse(setting.setting());
            cl.getErr().println("effnas: " + name + ": " + FailureReport.oneLine(setting.problem()));
            return EXIT_BAD_INPUT;
        }
        return FailureReport.report(ex, cl.getErr(), experimentDirectory(parsed), verbose(parsed));
    }

    /** {@code --verbose} on effnas itself or on the command (the worker has its own), or EFFNAS_VERBOSE=1. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return verboseFromEnvironment();
    }

    private static boolean verboseFromEnvironment() {
        String v = System.getenv("EFFNAS_VERBOSE");
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** The {@code --out} directory of the command that ran, where its failure's trace is logged. */
    private static Path experimentDirectory(CommandLine.ParseResult parsed) {
        Path dir = null;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine.Model.OptionSpec out = p.matchedOption("--out");
            if (out != null && out.getValue() != null) {
                dir = Path.of(out.getValue().toString());
            }
        }
        return dir;
    }
}
