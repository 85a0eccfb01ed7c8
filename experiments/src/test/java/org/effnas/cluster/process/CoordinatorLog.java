package org.effnas.cluster.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Reads the coordinator's event log in the experiment directory ({@code coordinator.log}). */
final class CoordinatorLog {

    static final String FILE = "coordinator.log";

    private CoordinatorLog() {
    }

    static List<String> lines(Path experiment) {
        Path f = experiment.resolve(FILE);
        try {
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a line matching {@code p}. */
    static String await(Path experiment, Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String l : lines(experiment)) {
                if (p.test(l)) {
                    return l;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching line in " + experiment.resolve(FILE) + " within " + timeout
                        + ":\n" + String.join("\n", lines(experiment)));
            }
            Thread.sleep(50);
        }
    }

    static String last(Path experiment, Predicate<String> p) {
        List<String> matching = lines(experiment).stream().filter(p).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no matching line in " + experiment.resolve(FILE));
        }
        return matching.get(matching.size() - 1);
    }
}
