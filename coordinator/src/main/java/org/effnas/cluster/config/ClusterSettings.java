package org.effnas.cluster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.effnas.InvalidInputException;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.version.CodeVersion;

/**
 * How the coordinator runs its cluster. One cluster per experiment: members and clients with
 * another cluster name are not admitted.
 *
 * @param clusterName     random per experiment ({@code cluster.secret}), e.g. {@code effnas-3f9a0c12d4e5b6a7}
 * @param bind            the interface and port the coordinator listens on (127.0.0.1:5701 by default)
 * @param members         other members to join by TCP-IP (empty: just this one)
 * @param hazelcastConfig a Hazelcast YAML or XML file loaded first (e.g. Kubernetes discovery), or null
 * @param leaseTimeout    a lease with no heartbeat for this long is expired and its candidate retried
 * @param heartbeat       how often workers heartbeat (well under the lease timeout)
 * @param maxAttempts     attempts per candidate, the first included, before it is recorded as failed
 * @param evaluatorKind   the provenance kind every result must carry ({@code dl4j}, {@code surrogate}, ...)
 * @param verbose         Hazelcast logging at INFO instead of WARNING, with traces
 * @param secret          the key every message is signed with
 * @param fingerprint     the recipe every worker must run, published to them
 */
public record ClusterSettings(String clusterName, HostPort bind, List<HostPort> members, Path hazelcastConfig,
                              Duration leaseTimeout, Duration heartbeat, int maxAttempts, String evaluatorKind,
                              boolean verbose, ClusterSecret secret, RecipeFingerprint fingerprint) {

    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ClusterSettings {
        if (clusterName == null || !NAME.matcher(clusterName).matches()) {
            throw new InvalidInputException("cluster name: '" + clusterName
                    + "' must be 1-100 letters, digits, '.', '_' or '-', e.g. effnas-exp1");
        }
        if (bind == null) {
            throw new InvalidInputException("--bind: missing, expected HOST:PORT such as 127.0.0.1:5701");
        }
        members = members == null ? List.of() : List.copyOf(members);
        if (leaseTimeout == null || leaseTimeout.toMillis() < 200) {
            throw new InvalidInputException("cluster.lease_timeout: must be at least 200 ms, got " + leaseTimeout);
        }
        if (heartbeat == null) {
            heartbeat = defaultHeartbeat(leaseTimeout);
        }
        if (heartbeat.toMillis() < 20 || heartbeat.compareTo(leaseTimeout.dividedBy(2)) > 0) {
            throw new InvalidInputException("cluster.heartbeat: must be between 20 ms and half the lease timeout ("
                    + leaseTimeout.dividedBy(2).toMillis() + " ms), got " + heartbeat.toMillis() + " ms");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new InvalidInputException("cluster.max_attempts: must be in 1..100, got " + maxAttempts);
        }
        if (evaluatorKind == null || evaluatorKind.isBlank()) {
            throw new InvalidInputException("evaluator kind: missing, expected e.g. dl4j or surrogate");
        }
        if (secret == null) {
            secret = ClusterSecret.generate();
        }
        if (fingerprint == null) {
            fingerprint = RecipeFingerprint.ofKind(evaluatorKind, CodeVersion.current());
        }
    }

    /**
     * Loopback defaults: 127.0.0.1:5701, 30 s leases, 3 attempts, a fresh random secret and a
     * fingerprint of just the evaluator kind and code version.
     */
    public static ClusterSettings of(String clusterName, String evaluatorKind) {
        return new ClusterSettings(clusterName, HostPort.loopback(), List.of(), null, DEFAULT_LEASE_TIMEOUT,
                null, DEFAULT_MAX_ATTEMPTS, evaluatorKind, false, null, null);
    }

    /** The experiment's name and key ({@code cluster.secret}). */
    public ClusterSettings withCredentials(ClusterCredentials c) {
        return new ClusterSettings(c.clusterName(), bind, members, hazelcastConfig, leaseTimeout, heartbeat,
                maxAttempts, evaluatorKind, verbose, c.secret(), fingerprint);
    }

    public ClusterSettings withFingerprint(RecipeFingerprint newFingerprint) {
        return new ClusterSettings(clusterName, bind, members, hazelcastConfig, leaseTimeout, heartbeat,
                maxAttempts, evaluatorKind, verbose, secret, newFingerprint);
    }

    /** The name and key, as a worker needs them. */
    public ClusterCredentials credentials() {
        return new ClusterCredentials(clusterName, secret);
    }

    /** A sixth of the lease timeout: five heartbeats may be lost before a lease expires. */
    public static Duration defaultHeartbeat(Duration leaseTimeout) {
        return leaseTimeout.dividedBy(6);
    }

    public ClusterSettings withBind(HostPort newBind) {
        return new ClusterSettings(clusterName, newBind, members, hazelcastConfig, leaseTimeout, heartbeat,
                maxAttempts, evaluatorKind, verbose, secret, fingerprint);
    }

    public ClusterSettings withLeases(Duration newLeaseTimeout, Duration newHeartbeat) {
        return new ClusterSettings(clusterName, bind, members, hazelcastConfig, newLeaseTimeout, newHeartbeat,
                maxAttempts, evaluatorKind, verbose, secret, fingerprint);
    }

    public ClusterSettings withMaxAttempts(int newMaxAttempts) {
        return new ClusterSettings(clusterName, bind, members, hazelcastConfig, leaseTimeout, heartbeat,
                newMaxAttempts, evaluatorKind, verbose, secret, fingerprint);
    }

    public ClusterSettings withHazelcastConfig(Path file, boolean newVerbose) {
        return new ClusterSettings(clusterName, bind, members, file, leaseTimeout, heartbeat, maxAttempts,
                evaluatorKind, newVerbose, secret, fingerprint);
    }
}
