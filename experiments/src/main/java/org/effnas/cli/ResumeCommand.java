package org.effnas.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line that continues an interrupted run: the same arguments with {@code --resume}
 * (once), each quoted for a POSIX shell when it needs it, so it can be copied as it is printed.
 */
final class ResumeCommand {

    private ResumeCommand() {
    }

    /** The line that resumes what {@code command} (a subcommand of effnas) was started to run. */
    static String of(CommandSpec command) {
        return of(command.root().commandLine().getParseResult().originalArgs());
    }

    static String of(List<String> args) {
        List<String> all = new ArrayList<>(args);
        if (!all.contains("--resume")) {
            all.add("--resume");
        }
        return "effnas " + all.stream().map(ResumeCommand::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
