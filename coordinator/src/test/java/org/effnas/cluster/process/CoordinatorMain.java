package org.effnas.cluster.process;

import java.nio.file.Path;
import java.time.Duration;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.journal.BatchRun;
import org.effnas.cluster.testing.TestCandidates;

/**
 * Test-only coordinator process: evaluates candidates c000..c(N-1) through the cluster and records
 * them in a {@link LineJournal}; started again with the same arguments it resumes. Prints every
 * lease event on stdout for the test to watch, then {@code STATS ...} and {@code DONE}.
 */
public final class CoordinatorMain {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        ClusterSettings settings = ClusterSettings.of(a.get("--cluster", "effnas-test"), SleepingEvaluator.KIND)
                .withBind(HostPort.parse("--bind", a.get("--bind", "127.0.0.1:5701")))
                .withLeases(Duration.ofMillis(a.integer("--lease-ms", 2000)),
                        Duration.ofMillis(a.integer("--heartbeat-ms", 250)))
                .withMaxAttempts(a.integer("--max-attempts", 3));
        LineJournal journal = new LineJournal(Path.of(a.get("--journal", "journal.tsv")));
        ClusterEvaluator cluster = ClusterEvaluator.start(settings, CoordinatorMain::say);
        BatchRun.Outcome outcome;
        try {
            outcome = BatchRun.run(TestCandidates.candidates(a.integer("--candidates", 6)), cluster, journal,
                    CoordinatorMain::say);
        } finally {
            cluster.close();
        }
        say("STATS " + cluster.stats() + " " + outcome);
        say("DONE");
        System.exit(0);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
