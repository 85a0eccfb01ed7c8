package org.effnas.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.effnas.InvalidInputException;
import org.effnas.cluster.checkpoint.CheckpointDirectory;
import org.effnas.cluster.checkpoint.CheckpointFiles;
import org.effnas.cluster.checkpoint.CheckpointTransport;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.dispatch.EventLogFile;
import org.effnas.cluster.embedded.EmbeddedCluster;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.config.ClusterConfig;
import org.effnas.config.ClusterMode;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.TrainingEngine;
import org.effnas.experiment.EvaluatorProvider;
import org.effnas.experiment.ExperimentEvaluator;
import org.effnas.reward.CostMetric;
import org.effnas.report.ReportBuilder;
import org.effnas.space.SearchSpace;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SpaceReference;
import org.effnas.surrogate.SurrogateEvaluator;
import org.effnas.version.CodeVersion;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.device.BoundEvaluator;
import org.effnas.worker.device.DeviceBinding;
import org.effnas.worker.device.Nd4jDeviceBinding;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.worker.train.CheckpointStore;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.LatencyProbe;
import org.effnas.worker.export.ImageClassifier;
import org.effnas.worker.export.LatencyEngines;
import org.effnas.worker.train.TrainingProgress;

/**
 * The experiment's evaluator, shared by every phase: the configured kind (DL4J training or the
 * surrogate) on local threads, an embedded Hazelcast cluster, or a coordinator that remote workers
 * join, with how many workers there are now, for the progress line.
 */
public final class EvaluatorSetup {

    private EvaluatorSetup() {
    }

    /**
     * Starts the evaluator a config asks for.
     *
     * @param slots        what each worker slot evaluates with ({@link #slotFactory})
     * @param experimentId the experiment's id, named in the coordinator's messages
     * @param log          one line per notable event (cluster address, workers joining)
     * @param checkpoints  rung checkpoints (null: none): the slots' own store locally and in the embedded
     *                     cluster (the coordinator's disk, shared), and where a coordinator stores what
     *                     its remote workers send
     * @param datasetId    what the evaluator's numbers are measured on ({@link ExperimentEvaluator})
     */
    static ExperimentEvaluator start(ExperimentConfig c, SlotEvaluatorFactory slots, String experimentId,
                                     Consumer<String> log, Checkpoints checkpoints, String datasetId) {
        String kind = c.evaluator().kind().text();
        switch (c.cluster().mode()) {
            case EMBEDDED -> {
                int n = c.cluster().embeddedWorkers();
                ClusterSettings leases = clusterSettings(c, ClusterCredentials.generate("effnas-embedded"));
                EmbeddedCluster cluster = EmbeddedCluster.start(n, kind, slots, leases.leaseTimeout(),
                        leases.heartbeat(), leases.maxAttempts(), line -> { },
                        checkpoints == null ? CheckpointTransport.none() : CheckpointTransport.sharedDisk(checkpoints.files()));
                return new ExperimentEvaluator(cluster, datasetId, () -> cluster.stats().workers(),
                        kind + " on an embedded Hazelcast cluster of " + n + " workers (127.0.0.1)",
                        checkpoints == null ? CheckpointRelease.none() : cluster.coordinator()::releaseCheckpoint);
            }
            case HAZELCAST -> {
                return coordinator(c, slots, experimentId, log, checkpoints, datasetId);
            }
            case LOCAL -> {
                int n = c.evaluator().localWorkers();
                BlockingEvaluator one = slots.create(Device.cpu(0));
                LocalEvaluator local = LocalEvaluator.of(one, n, kind);
                return new ExperimentEvaluator(local, datasetId, () -> n, kind + " on " + n + " local worker thread(s)",
                        checkpoints == null ? CheckpointRelease.none() : checkpoints::release);
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
                return start(c, slot -> surrogate, experimentId, log, null, surrogate.datasetId());
            };
        }
        Checkpoints checkpoints = Checkpoints.of(c);
        SlotEvaluatorFactory slots = slotFactory(c, space, DeviceList.cpu(localSlots(c)), new Nd4jDeviceBinding(),
                SimulatedDuration.none(), checkpoints);
        String datasetId = datasetId(c);
        return (reference, experimentId, log) -> start(c, slots, experimentId, log, checkpoints, datasetId);
    }

    /**
     * How many slots this process runs when it runs the experiment itself (local threads or an
     * embedded cluster): CPU slots sharing the cores.
     */
    static int localSlots(ExperimentConfig c) {
        return c.cluster().mode() == ClusterMode.EMBEDDED ? c.cluster().embeddedWorkers() : c.evaluator().localWorkers();
    }

    /**
     * A coordinator for remote workers. Its lease events go to {@code coordinator.log} in the
     * experiment directory (not into the progress output); the console gets the one command that
     * starts a worker, complete: address, cluster name, secret file and the experiment's config.
     * Rung checkpoints travel over the cluster and are stored in {@code checkpoints} (this disk).
     */
    private static ExperimentEvaluator coordinator(ExperimentConfig c, SlotEvaluatorFactory slots, String experimentId,
                                                   Consumer<String> log, Checkpoints checkpoints, String datasetId) {
        Path dir = Path.of(c.output()).toAbsolutePath().normalize();
        // random name and key, kept in the directory so a resumed coordinator is the same cluster
        ClusterCredentials credentials = ClusterCredentials.loadOrCreate(dir);
        ClusterSettings settings = clusterSettings(c, credentials).withFingerprint(fingerprint(c, slots));
        EventLogFile events = EventLogFile.open(dir.resolve(COORDINATOR_LOG));
        ClusterEvaluator coordinator;
        try {
            coordinator = ClusterEvaluator.start(settings, events, coordinatorCheckpoints(c, checkpoints));
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        log.accept("effnas: coordinator of experiment " + experimentId + " (cluster " + settings.clusterName()
                + ") listening on " + coordinator.address() + "; events go to " + events.file());
        log.accept("effnas: start workers with: " + workerCommand(coordinator.address().toString(), settings, dir));
        log.accept("effnas: (on other hosts, copy " + ClusterCredentials.FILE + " and " + ReportBuilder.CONFIG
                + " there first; keep " + ClusterCredentials.FILE + " private: it lets a worker post results)");
        awaitFirstWorker(coordinator, log);
        return new ExperimentEvaluator(coordinator, datasetId, () -> coordinator.stats().workers(),
                c.evaluator().kind() + " on the Hazelcast cluster " + settings.clusterName() + " at "
                        + coordinator.address(), coordinator::releaseCheckpoint);
    }

    /**
     * Where a coordinator keeps the checkpoints its workers send: the trainer's store in the experiment
     * directory; for a surrogate under a scheduler with rungs, a plain folder there for the checkpoints
     * of workers that rehearse them ({@code effnas worker --simulate-checkpoint-mb}), stored and
     * published when sent.
     */
    private static CheckpointTransport coordinatorCheckpoints(ExperimentConfig c, Checkpoints checkpoints) {
        if (checkpoints != null) {
            return CheckpointTransport.cluster(checkpoints.files(), 0);
        }
        if (c.evaluator().surrogate() && c.scheduler().maxSteps() > 0) {
            return CheckpointTransport.clusterIfSent(new CheckpointDirectory(Path.of(c.output()).resolve(CHECKPOINTS)));
        }
        return CheckpointTransport.none();
    }

    /** The coordinator's event log, in the experiment directory. */
    public static final String COORDINATOR_LOG = "coordinator.log";

    /** Everything a worker needs, as one command to copy: address, cluster name, secret file, config. */
    static String workerCommand(String address, ClusterSettings settings, Path dir) {
        return "effnas worker --join " + address + " --cluster " + settings.clusterName()
                + " --secret-file " + dir.resolve(ClusterCredentials.FILE)
                + " --config " + dir.resolve(ReportBuilder.CONFIG);
    }

    /**
     * Everything that determines a result, for the coordinator to publish and each worker to compare
     * with its own: the dataset (name, split fraction), space, training recipe, seed policy and
     * evaluator kind of the config, the code version, and what the slots read (the data split and its
     * checksum, for DL4J).
     */
    public static RecipeFingerprint fingerprint(ExperimentConfig c, SlotEvaluatorFactory slots) {
        ObjectNode identity = ExperimentIdentity.of(c);
        TreeMap<String, String> entries = new TreeMap<>();
        for (String key : List.of("dataset", "space", "training", "evaluator", "seed")) {
            flatten(key, identity.get(key), entries);
        }
        entries.put("evaluator.version", CodeVersion.current());
        entries.putAll(slots.recipeFacts());
        return RecipeFingerprint.of(entries);
    }

    private static void flatten(String path, JsonNode n, Map<String, String> out) {
        if (n == null || n.isNull()) {
            out.put(path, "");
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), out));
        } else {
            out.put(path, n.isValueNode() ? n.asText() : n.toString());
        }
    }

    /**
     * The coordinator settings of a config's cluster ({@code embedded} or {@code hazelcast} mode): the
     * cluster name and secret, the config's bind address and Hazelcast file, lease timeout, heartbeat
     * and attempts. An embedded cluster takes only its leases and attempts (it picks its own name,
     * key and port).
     */
    public static ClusterSettings clusterSettings(ExperimentConfig c, ClusterCredentials credentials) {
        ClusterConfig cluster = c.cluster();
        if (cluster.mode() == ClusterMode.LOCAL) {
            throw new IllegalArgumentException("cluster.mode local has no cluster settings");
        }
        ClusterSettings settings = ClusterSettings.of(credentials.clusterName(), c.evaluator().kind().text())
                .withCredentials(credentials)
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

    /**
     * Where a config's rung checkpoints live: {@code <experiment dir>/checkpoints}, on this machine's
     * disk (in local and embedded modes every worker slot is in this process); null when the scheduler
     * has no rungs or the evaluator trains nothing it could continue (surrogate, command).
     */
    public static CheckpointStore checkpointStore(ExperimentConfig c) {
        Checkpoints lazy = Checkpoints.of(c);
        return lazy == null ? null : lazy.store();
    }

    /** Whether a config's rungs continue checkpoints (DL4J with a scheduler that has rungs). */
    public static boolean continuesCheckpoints(ExperimentConfig c) {
        return Checkpoints.of(c) != null;
    }

    /**
     * A worker's own checkpoints, in {@code dir} on its machine (not the experiment directory, which is
     * the coordinator's): null when the config's scheduler has no rungs or its evaluator continues no
     * checkpoints ({@link #continuesCheckpoints}).
     */
    public static Checkpoints workerCheckpoints(ExperimentConfig c, Path dir) {
        return Checkpoints.of(c) == null ? null : new Checkpoints(dir);
    }

    /**
     * A config's checkpoint store, created on first use: the folder must not exist before the
     * experiment directory is prepared (an unknown non-empty directory is refused).
     */
    public static final class Checkpoints {

        private final Path dir;
        private CheckpointStore store;

        private Checkpoints(Path dir) {
            this.dir = dir;
        }

        /** Null when the config's scheduler has no rungs or its evaluator continues no checkpoints. */
        static Checkpoints of(ExperimentConfig c) {
            if (c.scheduler().maxSteps() == 0 || c.evaluator().surrogate() || c.evaluator().isCommand()) {
                return null;
            }
            return new Checkpoints(Path.of(c.output()).resolve(CHECKPOINTS));
        }

        synchronized CheckpointStore store() {
            if (store == null) {
                store = CheckpointStore.at(dir);
            }
            return store;
        }

        void release(String id) {
            store().release(id);
        }

        /** The store as the cluster moves it: packed byte streams. */
        public CheckpointFiles files() {
            return new StoreCheckpointFiles(this::store);
        }
    }

    /** The checkpoint folder inside an experiment directory. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * What each device slot evaluates with (also what {@code effnas worker --config --devices} runs):
     * for DL4J, the binding is prepared for the devices first (a GPU list on the CPU-only build is
     * refused here, before any data is read), and every slot's evaluator attaches its thread to its
     * device before it trains and names the device and backend in its provenance. The surrogate
     * sleeps {@code simulated}; DL4J rungs read and write {@code checkpoints} (null: no rungs).
     */
    public static SlotEvaluatorFactory slotFactory(ExperimentConfig c, SearchSpace space, DeviceList devices,
                                            DeviceBinding binding, SimulatedDuration simulated,
                                            Checkpoints checkpoints) {
        if (c.evaluator().surrogate()) {
            SurrogateEvaluator surrogate = SurrogateEvaluator.of(SpaceReference.of(space)).withDuration(simulated);
            return device -> BoundEvaluator.of(surrogate, device, ANALYTIC);
        }
        if (c.evaluator().isCommand()) {
            return CommandSlots.factory(c);
        }
        if (devices.gpu() && c.training().engine() == TrainingEngine.ONEDNN_NHWC) {
            throw new InvalidInputException("training.engine: onednn-nhwc trains on CPUs only, and --devices names a "
                    + "GPU; use training.engine: dl4j on GPU workers, or CPU slots (--devices cpu:N)");
        }
        NativeBackend.enableLayerHelpers();
        binding.prepare(devices);
        SplitDataset data = TrainingData.load(c);
        Dl4jEvaluator.Options options = new Dl4jEvaluator.Options(SplitName.MINIVAL, latencyProbe(c),
                TrainingProgress.Listener.none());
        Map<String, String> facts = Map.of("data.split", data.describe(SplitName.MINIVAL),
                "data.checksum", data.checksum(SplitName.MINIVAL));
        return new SlotEvaluatorFactory() {
            @Override
            public BlockingEvaluator create(Device device) {
                Dl4jEvaluator e = new Dl4jEvaluator(data, options);
                return BoundEvaluator.of(checkpoints == null ? e : e.withCheckpoints(checkpoints.store()), device,
                        binding);
            }

            @Override
            public Map<String, String> recipeFacts() {
                return facts;
            }
        };
    }

    /**
     * What a DL4J result depends on beyond spec, recipe and seed, for the cache key and the journals'
     * identity: the data, and under {@code cost: latency} how latency is measured, so that a result
     * measured another way (or with no latency at all, under {@code cost: macs}) is never served.
     */
    static String datasetId(ExperimentConfig c) {
        return TrainingData.id(c) + (c.reward().cost() == CostMetric.LATENCY_MS ? " " + c.latency().identity() : "");
    }

    /**
     * What measures a DL4J candidate's latency under {@code cost: latency}: the config's
     * {@code latency} section, its engine resolved once here (auto: ONNX Runtime when it loads, else
     * DL4J with one line on stderr); null when the reward does not use latency.
     */
    static LatencyProbe latencyProbe(ExperimentConfig c) {
        if (c.reward().cost() != CostMetric.LATENCY_MS) {
            return null;
        }
        ImageClassifier.Engine engine = LatencyEngines.resolve(c.latency().engine().engine(), System.err::println);
        return LatencyEngines.probe(engine, c.latency().settings());
    }

    /** The surrogate computes a formula: no native backend, nothing to attach. */
    private static final DeviceBinding ANALYTIC = new DeviceBinding() {
        @Override
        public void prepare(DeviceList devices) {
        }

        @Override
        public void attach(Device device) {
        }

        @Override
        public String backendFacts() {
            return "backend=none (analytic surrogate)";
        }
    };
}
