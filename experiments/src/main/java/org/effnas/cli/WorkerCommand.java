package org.effnas.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.checkpoint.CheckpointDirectory;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.checkpoint.RehearsedCheckpoints;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.worker.HazelcastWorkerLoop;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.cluster.worker.WorkerProcess;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.device.DeviceList;
import org.effnas.pipeline.EvaluatorSetup;
import org.effnas.pipeline.SpaceSetup;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.version.CodeVersion;
import org.effnas.worker.device.Nd4jDeviceBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas worker}: joins a coordinator's cluster and evaluates candidates on its devices until
 * the coordinator says the experiment is over.
 */
@Command(name = "worker",
        description = {
                "Join the Hazelcast cluster of an 'effnas coordinator' (or 'effnas run' with cluster.mode: hazelcast) "
                        + "and evaluate candidates, one per device slot, until the experiment is over (exit 0).",
                "The evaluator is the one the experiment's config asks for (--config: the experiment's config.yaml, "
                        + "as the coordinator printed it), so every result is computed the same way; a worker whose "
                        + "recipe (data and checksum, split, training, seed, space, evaluator kind and version) differs "
                        + "is refused at join, naming the keys that differ. The worker reconnects on its own when the coordinator restarts; "
                        + "SIGTERM or SIGINT (Ctrl-C) makes it leave cleanly so its candidates are re-issued at once.",
                "Security: every message is signed with the experiment's secret (--secret-file), so only holders "
                        + "of the key can post results; traffic is not encrypted (no TLS): run the cluster on a "
                        + "private network, VPN or SSH tunnel. See docs/cluster.md."},
        footer = {"", "Examples:",
                "  effnas worker --join 10.0.0.5:5701 --cluster effnas-3f9a0c12d4e5b6a7 \\",
                "      --secret-file runs/fm/cluster.secret --config runs/fm/config.yaml --devices gpu:0,1",
                "  effnas worker --join 127.0.0.1:5701 --cluster effnas-3f9a0c12d4e5b6a7 \\",
                "      --secret-file runs/dry/cluster.secret --config runs/dry/config.yaml --devices cpu:2",
                "", "Exit codes: 0 the experiment is over (or the worker was told to stop), 1 nothing answered at "
                + "--join within --reconnect-timeout, 2 bad input (a coordinator of another cluster, another "
                + "secret or another recipe included)."})
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--join", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "The coordinator's address(es), as it printed them (e.g. 127.0.0.1:5701).")
    private List<String> join = new ArrayList<>();

    @Option(names = "--cluster", required = true, paramLabel = "NAME",
            description = "The experiment's cluster name, as the coordinator printed it (random per experiment, also in "
                    + "its cluster.secret). "
                    + "A coordinator of another cluster does not admit this worker.")
    private String cluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The experiment config (YAML) the coordinator runs: it says which evaluator to run "
                    + "(surrogate, dl4j) on which data and search space.")
    private Path config;

    @Option(names = "--evaluator", paramLabel = "KIND",
            description = "dl4j or surrogate (must match --config when both are given), or synthetic: sleeps "
                    + "--task-seconds per candidate, to try a cluster without training anything.")
    private String evaluator;

    @Option(names = "--task-seconds", paramLabel = "S", defaultValue = "1",
            description = "With --evaluator synthetic: seconds per evaluation (default: ${DEFAULT-VALUE}).")
    private double taskSeconds;

    @Option(names = "--simulate-seconds", paramLabel = "S", defaultValue = "0",
            description = "With a surrogate config: each evaluation sleeps S seconds at the reference's MACs, "
                    + "proportionally more or less for others, to rehearse a cluster (default: ${DEFAULT-VALUE}).")
    private double simulateSeconds;

    @Option(names = "--simulate-checkpoint-mb", paramLabel = "MB", defaultValue = "0",
            description = "With a surrogate config under a scheduler with rungs: each rung also writes a checkpoint of "
                    + "MB megabytes (derived from the one it continues) that travels to the coordinator and back to "
                    + "promotions like a trainer's, to rehearse a cluster's checkpoint traffic (default: ${DEFAULT-VALUE}).")
    private double simulateCheckpointMb;

    @Option(names = "--devices", paramLabel = "LIST", defaultValue = "cpu:1",
            description = "Device slots, one evaluation each: cpu:N (N slots sharing the cores), gpu:0,1 (one slot "
                    + "per GPU; needs the CUDA build) or gpu:all (every GPU nvidia-smi lists) (default: ${DEFAULT-VALUE}).")
    private String devices;

    @Option(names = "--id", paramLabel = "ID",
            description = "This worker's name in the cluster and in every result (default: host:pid).")
    private String id;

    @Option(names = "--reconnect-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to keep trying to reach the coordinator, at start and after it vanished "
                    + "(default: ${DEFAULT-VALUE}).")
    private long reconnectSeconds;

    @Option(names = "--hazelcast-config", paramLabel = "FILE",
            description = "A Hazelcast CLIENT YAML/XML file loaded first (e.g. Kubernetes discovery); effnas then "
                    + "sets the cluster name, serialization and reconnection on top. See docs/cluster.md.")
    private Path hazelcastConfig;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The experiment's cluster.secret, written by the coordinator in its experiment directory "
                    + "(mode 0600): every message this worker sends is signed with it. Without this option the "
                    + "key is read from the environment variable " + ClusterCredentials.ENV + ". Never pass the "
                    + "key itself on the command line.")
    private Path secretFile;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Where this worker keeps rung checkpoints on its own disk (default: a new temporary folder, "
                    + "deleted when the worker exits). Checkpoints travel to and from the coordinator over the "
                    + "cluster; no folder is shared.")
    private Path checkpointDir;

    @Option(names = "--keep-checkpoints", paramLabel = "N",
            description = "Checkpoints kept in --checkpoints after they were sent, the most recent (default: 2 per "
                    + "device slot); a promotion whose checkpoint is not here fetches it from the coordinator.")
    private Integer keepCheckpoints;

    @Option(names = "--verbose", description = "Hazelcast logging at INFO, with stack traces (otherwise warnings "
            + "only, one line each).")
    private boolean verbose;
    private Path temporary;

    @Override
    public Integer call() throws Exception {
        DeviceList slots = DeviceList.parse(devices);
        List<HostPort> addresses = join.stream().map(a -> HostPort.parse("--join", a)).toList();
        ClusterSecret secret = secret();
        String kind;
        SlotEvaluatorFactory factory;
        ExperimentConfig experiment = null;
        CheckpointTransport checkpoints = CheckpointTransport.none();
        InputCheck.refuse(keepCheckpoints != null && keepCheckpoints < 0,
                "--keep-checkpoints: must be >= 0, got " + keepCheckpoints);
        int keep = keepCheckpoints != null ? keepCheckpoints : 2 * slots.size();
        if (config != null) {
            ExperimentConfig c = ConfigLoader.load(config);
            experiment = c;
            kind = c.evaluator().kind().text();
            InputCheck.refuse(evaluator != null && !evaluator.equals(kind),
                    "--evaluator " + evaluator + " contradicts --config " + config
                    + ", whose evaluator is " + kind + "; drop --evaluator");
            InputCheck.refuse(simulateSeconds != 0 && !c.evaluator().surrogate(),
                    "--simulate-seconds: only the surrogate simulates durations, but "
                    + config + " runs " + kind + "; drop --simulate-seconds");
            InputCheck.refuse(!(simulateSeconds >= 0 && simulateSeconds <= 3_600),
                    "--simulate-seconds: must be in 0..3600, got " + simulateSeconds);
            EvaluatorSetup.Checkpoints local = null;
            if (EvaluatorSetup.continuesCheckpoints(c)) {
                local = EvaluatorSetup.workerCheckpoints(c, checkpointFolder());
                checkpoints = CheckpointTransport.cluster(local.files(), keep);
            }
            factory = EvaluatorSetup.slotFactory(c, SpaceSetup.of(c), slots, new Nd4jDeviceBinding(),
                    SimulatedDuration.proportionalToMacs(simulateSeconds), local);
            if (simulateCheckpointMb != 0) {
                InputCheck.refuse(!c.evaluator().surrogate() || c.scheduler().maxSteps() == 0,
                        "--simulate-checkpoint-mb: only a surrogate config under a "
                        + "scheduler with rungs (scheduler.max_steps) rehearses checkpoints; drop it");
                InputCheck.refuse(!(simulateCheckpointMb > 0 && simulateCheckpointMb <= 1024),
                        "--simulate-checkpoint-mb: must be in (0, 1024], got " + simulateCheckpointMb);
                CheckpointDirectory files = new CheckpointDirectory(checkpointFolder());
                SlotEvaluatorFactory surrogate = factory;
                int bytes = (int) Math.max(1, Math.round(simulateCheckpointMb * (1 << 20)));
                factory = device -> new RehearsedCheckpoints(files, surrogate.create(device), bytes);
                checkpoints = CheckpointTransport.cluster(files, keep);
            }
        } else if (SleepingEvaluator.KIND.equals(evaluator)) {
            InputCheck.refuse(!(taskSeconds >= 0 && taskSeconds <= 86_400),
                    "--task-seconds: must be in 0..86400, got " + taskSeconds);
            kind = SleepingEvaluator.KIND;
            SleepingEvaluator sleeping = SleepingEvaluator.of(Duration.ofMillis(Math.round(taskSeconds * 1000)), Set.of());
            factory = slot -> sleeping;
        } else {
            throw new InvalidInputException("--config: required (the experiment's YAML: the surrogate is calibrated "
                    + "to its search space, DL4J trains on its data), or use --evaluator synthetic to try the cluster");
        }
        RecipeFingerprint fingerprint = experiment == null ? RecipeFingerprint.ofKind(kind, CodeVersion.current())
                : EvaluatorSetup.fingerprint(experiment, factory);
        WorkerSettings settings = new WorkerSettings(cluster, addresses, hazelcastConfig, slots, id, kind,
                Duration.ofSeconds(reconnectSeconds), verbose, secret, fingerprint);
        java.io.PrintWriter out = spec.commandLine().getOut();
        HazelcastWorkerLoop worker = new HazelcastWorkerLoop(settings, factory, line -> {
            out.println("effnas: " + line);
            out.flush();
        }, checkpoints);
        try {
            return WorkerProcess.run(worker);
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    /** --checkpoints, else one temporary folder, deleted when the worker exits. */
    private Path checkpointFolder() throws IOException {
        if (checkpointDir == null && temporary == null) {
            temporary = Files.createTempDirectory("effnas-worker-checkpoints-");
        }
        return checkpointDir != null ? checkpointDir : temporary;
    }

    /** Removes the worker's temporary checkpoint folder (its checkpoints are the coordinator's to keep). */
    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind costs disk only
        }
    }

    /** From --secret-file, else the environment; a secret file's cluster name must be --cluster. */
    private ClusterSecret secret() {
        if (secretFile != null) {
            ClusterCredentials c = ClusterCredentials.read(secretFile, "--secret-file " + secretFile);
            InputCheck.refuse(!c.clusterName().equals(cluster),
                    "--cluster " + cluster + ": the secret file " + secretFile
                    + " belongs to cluster " + c.clusterName() + "; use the --cluster the coordinator printed");
            return c.secret();
        }
        String env = System.getenv(ClusterCredentials.ENV);
        InputCheck.refuse(env == null || env.isBlank(),
                "--secret-file: missing; pass the experiment's cluster.secret (the "
                + "coordinator prints the path) or set " + ClusterCredentials.ENV);
        return ClusterSecret.parse(env, ClusterCredentials.ENV);
    }
}
