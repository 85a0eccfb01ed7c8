package org.effnas.cluster.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.cluster.wire.WireFormat;

/**
 * Builds Hazelcast member and client configurations: a user's file first (when given), then our
 * safety settings on top: the experiment's cluster name, no multicast or auto-detection, binding to
 * the chosen interface only, no phone-home, one-line logging through SLF4J, our serializers and the Java
 * deserialization filter.
 */
public final class HazelcastConfigs {

    private HazelcastConfigs() {
    }

    /** Hazelcast logs through SLF4J at WARN, one line without traces, or INFO with traces when verbose. */
    public static void quietLogging(boolean verbose) {
        HazelcastLogging.install(verbose);
    }

    /** The coordinator's member configuration. */
    public static Config member(ClusterSettings s) {
        quietLogging(s.verbose());
        Config config = s.hazelcastConfig() == null ? new Config() : loadMember(s.hazelcastConfig());
        config.setClusterName(s.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A client that stops answering heartbeats (a SIGSTOPped worker) is dropped after a few leases.
        long clientSilence = Math.max(10, 3 * s.leaseTimeout().toSeconds());
        config.setProperty("hazelcast.client.max.no.heartbeat.seconds", Long.toString(clientSilence));
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        String bindHost = literalAddress("--bind", s.bind().host());
        network.setPort(s.bind().port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).clear().addInterface(bindHost);
        network.setPublicAddress(null);
        // Without this Hazelcast listens on every interface (0.0.0.0) whatever the interfaces say.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", bindHost);

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (!join.getKubernetesConfig().isEnabled() && !join.getDiscoveryConfig().isEnabled()) {
            join.getTcpIpConfig().setEnabled(true).clear().addMember(s.bind().toString());
            for (HostPort m : s.members()) {
                join.getTcpIpConfig().addMember(m.toString());
            }
        }
        WireFormat.apply(config.getSerializationConfig());
        return config;
    }

    /**
     * A worker's client configuration: it reconnects on its own (asynchronously, with backoff) for up
     * to {@code reconnectTimeout}, which also bounds the wait for a coordinator that has not started.
     */
    public static ClientConfig client(String clusterName, List<HostPort> join, Path clientConfigFile,
                                      Duration reconnectTimeout, boolean verbose) {
        quietLogging(verbose);
        ClientConfig config = clientConfigFile == null ? new ClientConfig() : loadClient(clientConfigFile);
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.client.statistics.enabled", "false");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.client.heartbeat.interval", "1000");
        if (!config.getNetworkConfig().getKubernetesConfig().isEnabled()
                && !config.getNetworkConfig().getDiscoveryConfig().isEnabled()) {
            config.getNetworkConfig().getAddresses().clear();
            for (HostPort a : join) {
                config.getNetworkConfig().addAddress(a.toString());
            }
        }
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        config.getConnectionStrategyConfig().setAsyncStart(false).setReconnectMode(ReconnectMode.ASYNC);
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setInitialBackoffMillis(200)
                .setMaxBackoffMillis(2000)
                .setMultiplier(1.5)
                .setJitter(0.1)
                .setClusterConnectTimeoutMillis(reconnectTimeout.toMillis());
        WireFormat.apply(config.getSerializationConfig());
        return config;
    }

    /** A member binds to an address, not a name: resolve once so interfaces and join agree. */
    private static String literalAddress(String option, String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            throw new InvalidInputException(option + ": cannot resolve host '" + host + "': " + e.getMessage());
        }
    }

    private static Config loadMember(Path file) {
        requireReadable(file);
        try {
            return Config.loadFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("--hazelcast-config " + file + ": not a valid Hazelcast member "
                    + "YAML/XML file: " + firstLine(e));
        }
    }

    private static ClientConfig loadClient(Path file) {
        requireReadable(file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".xml")) {
                return new XmlClientConfigBuilder(file.toFile()).build();
            }
            return new YamlClientConfigBuilder(file.toFile()).build();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("--hazelcast-config " + file + ": not a valid Hazelcast client "
                    + "YAML/XML file: " + firstLine(e));
        }
    }

    private static void requireReadable(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException("--hazelcast-config " + file + ": no such readable file");
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
