package org.effnas.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.embedded.EmbeddedCluster;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.config.ClusterConfig;
import org.effnas.config.ClusterMode;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Evaluator;
import org.effnas.eval.LocalEvaluator;
import org.effnas.experiment.EvaluatorProvider;
import org.effnas.experiment.ExperimentEvaluator;
import org.effnas.reward.CostMetric;
import org.effnas.space.SearchSpace;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SpaceReference;
import org.effnas.surrogate.SurrogateEvaluator;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.device.DeviceList;
import org.effnas.worker.device.DevicePinning;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.TrainingProgress;

/**
 * The experiment's evaluator, shared by every phase: the configured kind (DL4J training or the
 * surrogate) on local threads, an embedded Hazelcast cluster, or a coordinator that remote workers
 * join. Also says how many workers there are now, for the progress line.
 */
public final class EvaluatorSetup implements AutoCloseable {

    private final Evaluator evaluator;
    private final IntSupplier workers;
    private final String description;

    private EvaluatorSetup(Evaluator evaluator, IntSupplier workers, String description) {
        this.evaluator = evaluator;
        this.workers = workers;
        this.description = description;
    }

    /**
     * Starts the evaluator a config asks for.
     *
     * @param slots        what each worker slot evaluates with ({@link #slotFactory})
     * @param experimentId names the cluster of a coordinator, so only this experiment's workers join
     * @param log          one line per notable event (cluster address, workers joining)
     */
    public static EvaluatorSetup start(ExperimentConfig c, SlotEvaluatorFactory slots, String experimentId,
                                       Consumer<String> log) {
        String kind = c.evaluator().kind().text();
        switch (c.cluster().mode()) {
            case EMBEDDED -> {
                int n = c.cluster().embeddedWorkers();
                ClusterSettings leases = clusterSettings(c, experimentId);
                EmbeddedCluster cluster = EmbeddedCluster.start(n, kind, slots, leases.leaseTimeout(),
                        leases.heartbeat(), leases.maxAttempts(), line -> { });
                return new EvaluatorSetup(cluster, () -> cluster.stats().workers(),
                        kind + " on an embedded Hazelcast cluster of " + n + " workers (127.0.0.1)");
            }
            case HAZELCAST -> {
                ClusterSettings settings = clusterSettings(c, experimentId);
                ClusterEvaluator coordinator = ClusterEvaluator.start(settings, log);
                log.accept("effnas: coordinator of cluster " + settings.clusterName() + " listening on "
                        + coordinator.address() + "; start workers with: effnas worker --join " + coordinator.address()
                        + " --cluster " + settings.clusterName());
                awaitFirstWorker(coordinator, log);
                return new EvaluatorSetup(coordinator, () -> coordinator.stats().workers(),
                        kind + " on the Hazelcast cluster " + settings.clusterName() + " at " + coordinator.address());
            }
            case LOCAL -> {
                int n = c.evaluator().localWorkers();
                BlockingEvaluator one = slots.create("cpu0");
                LocalEvaluator local = LocalEvaluator.of(one, n, kind);
                return new EvaluatorSetup(local, () -> n, kind + " on " + n + " local worker thread(s)");
            }
            default -> throw new IllegalStateException("unknown cluster mode " + c.cluster().mode());
        }
    }

    /**
     * The engine's evaluator for a config. A trained evaluator reads its data here, before the
     * experiment directory is taken, so a missing dataset is reported first. The surrogate is
     * calibrated to the engine's reference (the space's reference architecture, or the grid's base).
     *
     * @param simulated surrogate only: how long each evaluation pretends to take
     */
    public static EvaluatorProvider provider(ExperimentConfig c, SearchSpace space, SimulatedDuration simulated) {
        if (c.evaluator().surrogate()) {
            return (reference, experimentId, log) -> {
                SurrogateEvaluator surrogate = SurrogateEvaluator.of(reference).withDuration(simulated);
                EvaluatorSetup setup = start(c, slot -> surrogate, experimentId, log);
                return new ExperimentEvaluator(setup.evaluator(), surrogate.datasetId(), setup.workers(),
                        setup.description());
            };
        }
        SlotEvaluatorFactory slots = slotFactory(c, space);
        String datasetId = TrainingData.id(c);
        return (reference, experimentId, log) -> {
            EvaluatorSetup setup = start(c, slots, experimentId, log);
            return new ExperimentEvaluator(setup.evaluator(), datasetId, setup.workers(), setup.description());
        };
    }

    /**
     * The coordinator settings of a config's cluster ({@code embedded} or {@code hazelcast} mode):
     * cluster name {@code effnas-<experimentId>}, the config's bind address and Hazelcast file, lease
     * timeout, heartbeat and attempts. An embedded cluster takes only its leases and attempts (it picks
     * its own name and port).
     */
    public static ClusterSettings clusterSettings(ExperimentConfig c, String experimentId) {
        ClusterConfig cluster = c.cluster();
        if (cluster.mode() == ClusterMode.LOCAL) {
            throw new IllegalArgumentException("cluster.mode local has no cluster settings");
        }
        ClusterSettings settings = ClusterSettings.of(ClusterSettings.clusterNameFor(experimentId), c.evaluator().kind().text())
                .withLeases(cluster.leaseTimeout(), cluster.heartbeat())
                .withMaxAttempts(cluster.maxAttempts());
        if (cluster.bind() != null) {
            settings = settings.withBind(HostPort.parse("cluster.bind", cluster.bind()));
        }
        if (cluster.hazelcastConfig() != null) {
            settings = settings.withHazelcastConfig(Path.of(cluster.hazelcastConfig()), false);
        }
        return settings;
    }

    private static void awaitFirstWorker(ClusterEvaluator coordinator, Consumer<String> log) {
        try {
            while (!coordinator.awaitWorkers(1, Duration.ofSeconds(30))) {
                log.accept("effnas: waiting for the first worker to join ...");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            coordinator.close();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        }
    }

    /** What each worker slot evaluates with (also what {@code effnas worker --config} runs). */
    public static SlotEvaluatorFactory slotFactory(ExperimentConfig c, SearchSpace space) {
        if (c.evaluator().surrogate()) {
            SurrogateEvaluator surrogate = SurrogateEvaluator.of(SpaceReference.of(space));
            return slot -> surrogate;
        }
        if (c.evaluator().isCommand()) {
            return CommandSlots.factory(c);
        }
        NativeBackend.enableLayerHelpers();
        // every slot of this process trains at once: share the cores between them
        int slots = c.cluster().mode() == ClusterMode.EMBEDDED ? c.cluster().embeddedWorkers() : c.evaluator().localWorkers();
        DevicePinning.pinCpu(DeviceList.parse("cpu:" + slots));
        SplitDataset data = TrainingData.load(c);
        Dl4jEvaluator.Options options = new Dl4jEvaluator.Options(SplitName.MINIVAL,
                c.reward().cost() == CostMetric.LATENCY_MS, TrainingProgress.Listener.none());
        return slot -> new Dl4jEvaluator(data, options);
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public IntSupplier workers() {
        return workers;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
