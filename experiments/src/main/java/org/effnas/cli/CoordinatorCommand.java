package org.effnas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.effnas.cluster.config.HostPort;
import org.effnas.config.ClusterMode;
import org.effnas.config.ExperimentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas coordinator}: runs an experiment whose evaluations are done by remote
 * {@code effnas worker}s: the same engine as {@code effnas run}, with the cluster forced to a
 * Hazelcast coordinator on {@code --bind}.
 */
@Command(name = "coordinator",
        description = {
                "Run an experiment (search, grid, family, report: as 'effnas run') on a Hazelcast cluster: this process "
                        + "listens on --bind, waits for workers and hands them candidates; results go to the "
                        + "experiment's journals exactly once.",
                "Workers join with the command it prints ('effnas worker --join HOST:PORT --cluster NAME "
                        + "--secret-file DIR/cluster.secret --config DIR/config.yaml'): the cluster name is random per "
                        + "experiment and the secret (mode 0600, in the experiment directory) signs every message. "
                        + "Lease events go to DIR/coordinator.log. A worker killed or hung loses its lease after the config's cluster.lease_timeout "
                        + "(default 30 s) and its candidate is re-issued; a candidate that fails cluster.max_attempts "
                        + "(default 3) attempts is recorded as failed. Killed and started again "
                        + "with --resume, the coordinator re-issues only the unfinished candidates and the workers "
                        + "reconnect on their own. Under a scheduler with rungs, each rung's checkpoint travels "
                        + "from its worker over the cluster (signed chunks, checked before the result is accepted) "
                        + "to DIR/checkpoints, and each promotion's is sent to the worker that continues it.",
                "Binds to 127.0.0.1 unless --bind says otherwise. Results and heartbeats without a valid signature "
                        + "are refused; traffic is not encrypted (no TLS): across hosts use a private network, VPN or "
                        + "SSH tunnel. See docs/cluster.md."},
        footer = {"", "Examples:",
                "  effnas coordinator --config experiments/configs/surrogate-dry-run.yaml --out runs/dry",
                "  effnas coordinator --config fm-search.yaml --out runs/fm --bind 10.0.0.5:5701",
                "  effnas coordinator --config fm-search.yaml --out runs/fm --resume      # after a crash",
                "  effnas coordinator --config fm-search.yaml --hazelcast-config k8s-member.yaml",
                "", "Exit codes: 0 done, 1 the run failed, 2 bad input (config, address, directory)."})
public final class CoordinatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExperimentRunOptions experiment;

    @Option(names = "--bind", paramLabel = "HOST:PORT",
            description = "Interface and port to listen on (default: the config's cluster.bind, else 127.0.0.1:5701).")
    private String bind;

    @Option(names = "--hazelcast-config", paramLabel = "FILE",
            description = "A Hazelcast MEMBER YAML/XML file loaded first (e.g. Kubernetes discovery); effnas then "
                    + "sets the cluster name, bind address, serialization and phone-home off on top.")
    private Path hazelcastConfig;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig c = experiment.load();
        String address = bind != null ? bind
                : c.cluster().mode() == ClusterMode.HAZELCAST && c.cluster().bind() != null ? c.cluster().bind()
                : HostPort.loopback().toString();
        HostPort.parse("--bind", address);
        String hz = hazelcastConfig != null ? hazelcastConfig.toString()
                : c.cluster().mode() == ClusterMode.HAZELCAST ? c.cluster().hazelcastConfig() : null;
        ExperimentConfig onCluster = new ExperimentConfig(c.dataset(), c.space(), c.reward(), c.strategy(),
                c.training(), c.evaluator(), c.grid(), c.family(), c.cluster().onCoordinator(address, hz),
                c.seed(), c.output(), c.scheduler(), c.latency(), c.finalTraining());
        return RunCommand.runExperiment(spec, onCluster, experiment.launch(onCluster, spec),
                experiment.session.dryRun);
    }
}
