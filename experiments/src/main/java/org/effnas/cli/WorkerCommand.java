package org.effnas.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.worker.ClusterWorker;
import org.effnas.cluster.worker.DeviceSlots;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.cluster.worker.WorkerProcess;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.pipeline.EvaluatorSetup;
import org.effnas.pipeline.SpaceSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas worker}: joins a coordinator's cluster and evaluates candidates on its devices until
 * the coordinator says the experiment is over.
 */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        description = {
                "Join the Hazelcast cluster of an 'effnas coordinator' (or 'effnas run' with cluster.mode: hazelcast) "
                        + "and evaluate candidates, one per device slot, until the experiment is over (exit 0).",
                "The evaluator is the one the experiment's config asks for (--config: the same YAML the coordinator "
                        + "runs), so every result is computed the same way; the coordinator refuses a worker whose "
                        + "evaluator kind differs. The worker reconnects on its own when the coordinator restarts; "
                        + "SIGTERM (Ctrl-C) makes it leave cleanly so its candidates are re-issued at once.",
                "Security: the cluster has no TLS and no authentication (Hazelcast community edition); run it on a "
                        + "private network, VPN or SSH tunnel. See docs/cluster.md."},
        footer = {"", "Examples:",
                "  effnas worker --join 10.0.0.5:5701 --cluster effnas-fm-search --config fm-search.yaml --devices gpu:0,1",
                "  effnas worker --join 127.0.0.1:5701 --cluster effnas-dry --config surrogate-dry-run.yaml --devices cpu:2",
                "  effnas worker --join 127.0.0.1:5701 --cluster effnas-smoke --evaluator synthetic --task-seconds 1",
                "", "Exit codes: 0 the experiment is over (or the worker was told to stop), 1 no coordinator could be "
                + "reached within --reconnect-timeout, 2 bad input."})
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--join", required = true, split = ",", paramLabel = "HOST:PORT",
            description = "The coordinator's address(es), as it printed them (e.g. 127.0.0.1:5701).")
    private List<String> join = new ArrayList<>();

    @Option(names = "--cluster", required = true, paramLabel = "NAME",
            description = "The experiment's cluster name, as the coordinator printed it (effnas-<experiment>). "
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

    @Option(names = "--devices", paramLabel = "LIST", defaultValue = "cpu:1",
            description = "Device slots, one evaluation each: cpu:N or gpu:0,1 (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--verbose", description = "Hazelcast logging at INFO instead of WARNING.")
    private boolean verbose;

    @Override
    public Integer call() throws Exception {
        DeviceSlots slots = DeviceSlots.parse(devices);
        List<HostPort> addresses = new ArrayList<>();
        for (String a : join) {
            addresses.add(HostPort.parse("--join", a));
        }
        String kind;
        SlotEvaluatorFactory factory;
        if (config != null) {
            ExperimentConfig c = ConfigLoader.load(config);
            kind = c.evaluator().kind().text();
            if (evaluator != null && !evaluator.equals(kind)) {
                throw new InvalidInputException("--evaluator " + evaluator + " contradicts --config " + config
                        + ", whose evaluator is " + kind + "; drop --evaluator");
            }
            factory = EvaluatorSetup.slotFactory(c, SpaceSetup.of(c));
        } else if (SleepingEvaluator.KIND.equals(evaluator)) {
            if (!(taskSeconds >= 0 && taskSeconds <= 86_400)) {
                throw new InvalidInputException("--task-seconds: must be in 0..86400, got " + taskSeconds);
            }
            kind = SleepingEvaluator.KIND;
            SleepingEvaluator sleeping = SleepingEvaluator.of(Duration.ofMillis(Math.round(taskSeconds * 1000)), Set.of());
            factory = slot -> sleeping;
        } else {
            throw new InvalidInputException("--config: required (the experiment's YAML: the surrogate is calibrated "
                    + "to its search space, DL4J trains on its data), or use --evaluator synthetic to try the cluster");
        }
        WorkerSettings settings = new WorkerSettings(cluster, addresses, hazelcastConfig, slots, id, kind,
                Duration.ofSeconds(reconnectSeconds), verbose);
        java.io.PrintWriter out = spec.commandLine().getOut();
        ClusterWorker worker = new ClusterWorker(settings, factory, line -> {
            out.println("effnas: " + line);
            out.flush();
        });
        return WorkerProcess.run(worker);
    }
}
