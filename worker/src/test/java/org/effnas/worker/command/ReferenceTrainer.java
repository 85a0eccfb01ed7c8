package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The repository's reference PyTorch trainer, run with Debian's /usr/bin/python3 and python3-torch. */
final class ReferenceTrainer {

    static final String PYTHON = "/usr/bin/python3";
    private static Boolean torch;

    private ReferenceTrainer() {
    }

    /** trainers/pytorch/train.py, found from the module directory the tests run in. */
    static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("trainers/pytorch/train.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("trainers/pytorch/train.py not found above " + Path.of("").toAbsolutePath());
    }

    /** Skips the calling test, saying why, when python3-torch is missing (scripts/test installs it). */
    static synchronized void assumeTorch() throws Exception {
        if (torch == null) {
            torch = Files.isExecutable(Path.of(PYTHON))
                    && new ProcessBuilder(PYTHON, "-c", "import torch").start().waitFor() == 0;
        }
        Assumptions.assumeTrue(torch, "python3-torch is not installed for " + PYTHON
                + " (sudo apt-get install python3-torch; scripts/test installs it)");
    }

    /** Runs train.py with {@code args}; returns its stdout, failing the test with its output on a non-zero exit. */
    static String run(List<String> args, Path log) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script().toString()));
        argv.addAll(args);
        Path out = Files.createTempFile("train-py", ".out");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertEquals(0, p.exitValue(), "train.py " + args + " failed: " + Files.readString(log));
        return stdout;
    }
}
