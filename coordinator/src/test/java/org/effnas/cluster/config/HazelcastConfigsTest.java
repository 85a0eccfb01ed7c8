package org.effnas.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our safety settings are applied on top of defaults and of user files; bad addresses are bad input. */
class HazelcastConfigsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:5701,127.0.0.1,5701", "10.0.0.5,10.0.0.5,5701", "[::1]:6000,::1,6000",
            "node-1:0,node-1,0"})
    void parsesAddresses(String text, String host, int port) {
        assertEquals(HostPort.of(host, port), HostPort.parse("--bind", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":5701", "host:port", "host:70000", "::1:5701", "[::1", "[::1]5701"})
    void refusesBadAddresses(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HostPort.parse("--bind", text));
        assertTrue(e.getMessage().startsWith("--bind") || e.getMessage().startsWith("address"), e.getMessage());
    }

    @Test
    void memberIsLockedToItsInterfaceAndClusterName() {
        Config c = HazelcastConfigs.member(ClusterSettings.of("effnas-exp1", "dl4j"));
        assertEquals("effnas-exp1", c.getClusterName());
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals(5701, c.getNetworkConfig().getPort());
        assertFalse(c.getNetworkConfig().isPortAutoIncrement());
        assertFalse(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertTrue(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
        assertTrue(c.getSerializationConfig().getJavaSerializationFilterConfig().getBlacklist().isListed("org.effnas.X"));
    }

    @Test
    void aUserFileKeepsItsDiscoveryButGetsOurSafetySettings(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("k8s.yaml");
        Files.writeString(file, """
                hazelcast:
                  cluster-name: someone-elses
                  properties:
                    hazelcast.phone.home.enabled: true
                  network:
                    join:
                      kubernetes:
                        enabled: true
                        service-name: effnas-coordinator
                """);
        Config c = HazelcastConfigs.member(ClusterSettings.of("effnas-exp1", "dl4j").withHazelcastConfig(file, false));
        assertEquals("effnas-exp1", c.getClusterName());
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
        assertTrue(c.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled());
        assertFalse(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
        assertFalse(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
    }

    @Test
    void clientReconnectsOnItsOwnWithinTheTimeout(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("client.yaml");
        Files.writeString(file, "hazelcast-client:\n  cluster-name: other\n");
        ClientConfig c = HazelcastConfigs.client("effnas-exp1", List.of(HostPort.parse("--join", "10.0.0.5:5701")),
                file, Duration.ofMinutes(2), false);
        assertEquals("effnas-exp1", c.getClusterName());
        assertEquals(List.of("10.0.0.5:5701"), c.getNetworkConfig().getAddresses());
        assertEquals(120_000, c.getConnectionStrategyConfig().getConnectionRetryConfig().getClusterConnectTimeoutMillis());
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
    }

    @Test
    void aMissingOrBrokenFileIsBadInput(@TempDir Path tmp) throws IOException {
        ClusterSettings s = ClusterSettings.of("effnas-exp1", "dl4j");
        assertThrows(InvalidInputException.class,
                () -> HazelcastConfigs.member(s.withHazelcastConfig(tmp.resolve("missing.yaml"), false)));
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "hazelcast:\n  network: [not, a, map\n");
        assertThrows(InvalidInputException.class, () -> HazelcastConfigs.member(s.withHazelcastConfig(broken, false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "-leading", "a/b"})
    void refusesBadClusterNames(String name) {
        assertThrows(InvalidInputException.class, () -> ClusterSettings.of(name, "dl4j"));
    }

    @Test
    void heartbeatMustBeWellUnderTheLeaseTimeout() {
        ClusterSettings s = ClusterSettings.of("effnas-exp1", "dl4j");
        assertEquals(Duration.ofSeconds(5), s.heartbeat());
        assertThrows(InvalidInputException.class, () -> s.withLeases(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThrows(InvalidInputException.class, () -> s.withMaxAttempts(0));
    }
}
