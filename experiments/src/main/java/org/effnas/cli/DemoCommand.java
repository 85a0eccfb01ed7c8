package org.effnas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.pipeline.LaunchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas demo}: the whole pipeline on real Fashion-MNIST with a small budget, on an embedded
 * cluster of DL4J workers, in about 5 minutes on 2 cores. Installs Debian's Fashion-MNIST package
 * when it is missing and effnas runs as root; otherwise says exactly what to run.
 */
@Command(name = "demo",
        description = {
            "Runs the whole pipeline on a small budget with real training: a baseline search of 20 candidates (or 5 "
                    + "minutes) in the mnasnet-small space (DL4J, 1 epoch of a 1200-image subset of Fashion-MNIST each), "
                    + "under a hard 5M-MAC target, an alpha/beta/gamma grid of 6 triples (with depth-, width- and "
                    + "resolution-only scaling) and the family phi = 0..3, evaluated by 2 workers of an embedded Hazelcast cluster "
                    + "(the same code path as a real cluster). Ends with report.html. About 5 minutes on 2 cores (longer without tcmalloc).",
            "Needs Fashion-MNIST in /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist, installed "
                    + "automatically when run as root) or in --data DIR.",
            "The experiment is experiments/configs/demo.yaml; use 'effnas run --config' with your own copy to change it."},
        footer = {"", "Examples:", "  ./effnas demo", "  ./effnas demo --out /tmp/demo --data ~/fashion-mnist", "",
            "Exit codes: 0 done, 1 the run failed, 2 bad input (dataset missing, output directory taken)."})
public final class DemoCommand implements Callable<Integer> {

    /** Where Debian's dataset-fashion-mnist puts the files. */
    static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> TRAIN_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    private static final String CONFIG_RESOURCE = "/org/effnas/configs/demo.yaml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "The experiment directory (default: ${DEFAULT-VALUE}); refused if it holds another experiment.")
    private Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A folder holding Fashion-MNIST's IDX files (train-images-idx3-ubyte.gz, "
                    + "train-labels-idx1-ubyte.gz, gzip or raw); default " + "/usr/share/datasets/fashion-mnist.")
    private Path data;

    @Option(names = "--resume", description = "Continue an interrupted demo in --out.")
    private boolean resume;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : DEBIAN_DIR;
        if (!hasFashionMnist(dir)) {
            if (data == null && isRoot()) {
                installDebianPackage();
            } else {
                throw new InvalidInputException(missingMessage(dir, data != null));
            }
        }
        ExperimentConfig c = demoConfig(dir);
        spec.commandLine().getOut().println("effnas demo: Fashion-MNIST from " + dir + ", results in " + out
                + " (" + c.scheduler().name() + " rungs of " + c.scheduler().settings().ladder().steps()
                + " steps; docs/experiments.md gives a measured run's time)");
        spec.commandLine().getOut().flush();
        return RunCommand.runExperiment(spec, c, LaunchOptions.of(out, resume).withResumeCommand(
                ResumeCommand.of(spec)), false);
    }

    /** The demo experiment, with the dataset where it was found. */
    static ExperimentConfig demoConfig(Path dataDir) throws IOException {
        String yaml;
        try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo config " + CONFIG_RESOURCE + " is missing from the jar");
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return ConfigLoader.parse(yaml, "demo.yaml", Path.of("."), "runs/demo")
                .withDataPath(dataDir.toAbsolutePath().toString());
    }

    static boolean hasFashionMnist(Path dir) {
        return TRAIN_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f + ".gz"))
                || Files.isRegularFile(dir.resolve(f)));
    }

    static String missingMessage(Path dir, boolean explicit) {
        String files = "train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz";
        if (explicit) {
            return "Fashion-MNIST not found in --data " + dir + " (no " + files + "); put those files there, or drop "
                    + "--data after installing Debian's package: sudo apt-get install dataset-fashion-mnist";
        }
        return "Fashion-MNIST not found in " + dir + "; install it with: sudo apt-get install dataset-fashion-mnist "
                + "(or pass --data DIR holding " + files + ")";
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void installDebianPackage() throws IOException, InterruptedException {
        spec.commandLine().getOut().println("effnas demo: installing Debian's dataset-fashion-mnist (apt-get) ...");
        spec.commandLine().getOut().flush();
        for (List<String> cmd : List.of(List.of("apt-get", "update", "-qq"),
                List.of("apt-get", "install", "-y", "-qq", "dataset-fashion-mnist"))) {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int rc = pb.start().waitFor();
            InputCheck.refuse(rc != 0, "installing dataset-fashion-mnist failed (" + String.join(" ", cmd)
                    + " exited " + rc + "); install it by hand or pass --data DIR");
        }
        InputCheck.refuse(!hasFashionMnist(DEBIAN_DIR), missingMessage(DEBIAN_DIR, false));
    }
}
