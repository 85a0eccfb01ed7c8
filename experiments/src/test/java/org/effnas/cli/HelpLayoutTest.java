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

    /** picocli formats descriptions with String.format; a bare '%' prints a warning and the raw text. */
    @Test
    void everyDescriptionIsAValidFormatString() {
        List<String> broken = new ArrayList<>();
        collectBrokenFormats(Effnas.commandLine(), broken);
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    private static void collectBrokenFormats(CommandLine command, List<String> broken) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            texts.addAll(List.of(option.description()));
        }
        for (String text : texts) {
            try {
                String.format(text);
            } catch (java.util.IllegalFormatException e) {
                broken.add(spec.qualifiedName() + ": " + e.getMessage() + " in: " + text);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            collectBrokenFormats(sub, broken);
        }
    }

    @Test
    void workerHelpNamesCtrlCAsSigint() {
        String usage = Effnas.commandLine().getSubcommands().get("worker").getUsageMessage();
        assertTrue(!usage.contains("SIGTERM (Ctrl-C)"), usage);
    }
}
