package org.effnas.cluster.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.device.DeviceList;
import org.effnas.version.CodeVersion;

/**
 * How a worker joins and works.
 *
 * @param clusterName      the experiment's cluster name, as the coordinator printed it
 * @param join             coordinator addresses to try
 * @param hazelcastConfig  a Hazelcast client YAML/XML file loaded first (e.g. Kubernetes discovery), or null
 * @param devices          device slots, one evaluation each
 * @param workerId         unique name in the cluster, {@code host:pid} by default
 * @param evaluatorKind    what the plugged-in evaluator records in provenance; must match the coordinator's
 * @param reconnectTimeout how long to keep trying to reach a coordinator (at start and after it vanished)
 * @param verbose          Hazelcast logging at INFO instead of WARNING, with traces
 * @param secret           the experiment's key ({@code --secret-file}): every message is signed with it
 * @param fingerprint      the recipe this worker runs; the coordinator's must be the same
 */
public record WorkerSettings(String clusterName, List<HostPort> join, Path hazelcastConfig, DeviceList devices,
                             String workerId, String evaluatorKind, Duration reconnectTimeout, boolean verbose,
                             ClusterSecret secret, RecipeFingerprint fingerprint) {

    public static final Duration DEFAULT_RECONNECT_TIMEOUT = Duration.ofMinutes(5);

    public WorkerSettings {
        if (clusterName == null || clusterName.isBlank()) {
            throw new InvalidInputException("--cluster: missing, expected the coordinator's cluster name, e.g. effnas-exp1");
        }
        join = join == null ? List.of() : List.copyOf(join);
        if (join.isEmpty() && hazelcastConfig == null) {
            throw new InvalidInputException("--join: missing, expected the coordinator's HOST:PORT, e.g. 127.0.0.1:5701");
        }
        if (devices == null) {
            throw new InvalidInputException("--devices: missing, expected cpu:N or gpu:0,1");
        }
        if (workerId == null || workerId.isBlank()) {
            workerId = defaultWorkerId();
        }
        if (evaluatorKind == null || evaluatorKind.isBlank()) {
            throw new InvalidInputException("--evaluator: missing, expected e.g. dl4j or surrogate");
        }
        if (reconnectTimeout == null || reconnectTimeout.toMillis() < 1000) {
            throw new InvalidInputException("--reconnect-timeout: must be at least 1 s, got " + reconnectTimeout);
        }
        if (secret == null) {
            throw new InvalidInputException("--secret-file: missing, expected the experiment's cluster.secret "
                    + "(or the " + ClusterCredentials.ENV + " environment variable)");
        }
        if (fingerprint == null) {
            fingerprint = RecipeFingerprint.ofKind(evaluatorKind, CodeVersion.current());
        }
    }

    /** A worker of the cluster {@code credentials} names, running just an evaluator kind (tests, benchmarks). */
    public static WorkerSettings of(ClusterCredentials credentials, HostPort join, DeviceList devices,
                                    String evaluatorKind) {
        return new WorkerSettings(credentials.clusterName(), List.of(join), null, devices, null, evaluatorKind,
                DEFAULT_RECONNECT_TIMEOUT, false, credentials.secret(), null);
    }

    public WorkerSettings withReconnectTimeout(Duration timeout) {
        return new WorkerSettings(clusterName, join, hazelcastConfig, devices, workerId, evaluatorKind, timeout,
                verbose, secret, fingerprint);
    }

    public WorkerSettings withWorkerId(String id) {
        return new WorkerSettings(clusterName, join, hazelcastConfig, devices, id, evaluatorKind, reconnectTimeout,
                verbose, secret, fingerprint);
    }

    public WorkerSettings withFingerprint(RecipeFingerprint newFingerprint) {
        return new WorkerSettings(clusterName, join, hazelcastConfig, devices, workerId, evaluatorKind,
                reconnectTimeout, verbose, secret, newFingerprint);
    }

    /** {@code host:pid}. */
    public static String defaultWorkerId() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String runtime = ManagementFactory.getRuntimeMXBean().getName();
            return runtime.contains("@") ? runtime.substring(runtime.indexOf('@') + 1) : "localhost";
        }
    }
}
