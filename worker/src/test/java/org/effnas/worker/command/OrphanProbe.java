package org.effnas.worker.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A worker stand-in for {@link KilledWorkerTest}, run in its own JVM: evaluates one candidate with the
 * script {@code args[1]} in directory {@code args[0]}, which never finishes.
 */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FakeCommands.evaluator(dir, Path.of(args[1]), Duration.ZERO, OptionalInt.empty())
                .evaluate(FakeCommands.candidate("c000001"), "probe");
    }
}
