package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders and its footer (the examples) fits an 80-column terminal without wrapping. */
class HelpLayoutTest {

    @Test
    void everyFooterLineFitsEightyColumns() {
        CommandLine root = Effnas.commandLine();
        List<String> tooWide = new ArrayList<>();
        int commands = 0;
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            CommandLine.Help help = e.getValue().getHelp();
            String footer = help.footer();
            for (String line : footer.split("\\R")) {
                if (line.length() > 80) {
                    tooWide.add(e.getKey() + ": " + line.length() + " cols: " + line);
                }
            }
            assertTrue(e.getValue().getUsageMessage().contains("Usage:"), e.getKey());
            commands++;
        }
        assertTrue(commands >= 10, "commands found: " + commands);
        assertTrue(tooWide.isEmpty(), String.join("\n", tooWide));
    }

    @Test
    void workerHelpNamesCtrlCAsSigint() {
        String usage = Effnas.commandLine().getSubcommands().get("worker").getUsageMessage();
        assertTrue(!usage.contains("SIGTERM (Ctrl-C)"), usage);
    }
}
