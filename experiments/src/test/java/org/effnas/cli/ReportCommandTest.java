package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code effnas report} on the output of {@code effnas search}, and {@code report --check}. */
class ReportCommandTest {

    @Test
    void reportsASearchOnlyDirectoryAndChecksIt(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("search");
        assertEquals(0, Effnas.execute("search", "--space", "mnasnet-small", "--evaluator", "surrogate", "--budget", "10",
                "--out", out.toString()));
        InspectCommandTest.Run r = InspectCommandTest.run("report", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Winning baseline"), "the search's winner is summarised");
        assertTrue(html.contains("data-chart=\"accuracy-vs-macs\""));
        assertTrue(html.contains("<code>journal.jsonl</code>"), "the directory's files are listed");
        assertEquals(0, InspectCommandTest.run("report", "--check", out.toString()).exitCode());

        // a report that disagrees with its files fails the check with exit 1
        Files.writeString(out.resolve("report.html"), html.replaceFirst(
                "data-check=\"baseline.macs\" data-value=\"(\\d+)\"", "data-check=\"baseline.macs\" data-value=\"1\""));
        InspectCommandTest.Run bad = InspectCommandTest.run("report", "--check", out.toString());
        assertEquals(Effnas.EXIT_FAILED, bad.exitCode());
        assertTrue(bad.err().contains("baseline.macs"), bad.err());
    }
}
