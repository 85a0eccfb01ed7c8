package org.effnas.cluster.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HazelcastLoggingTest {

    private final HazelcastLogging factory = new HazelcastLogging();

    @AfterEach
    void quietAgain() {
        HazelcastLogging.install(false);
    }

    @Test
    void warningsPassExceptFromTheLoggersTheWorkerSpeaksFor() {
        HazelcastLogging.install(false);
        assertTrue(factory.getLogger("com.hazelcast.cluster.impl.MembershipManager").isLoggable(Level.WARNING));
        assertFalse(factory.getLogger("com.hazelcast.client.impl.spi.ClientInvocationService")
                .isLoggable(Level.WARNING));
        assertFalse(factory.getLogger("com.hazelcast.client.impl.connection.tcp.TcpClientConnectionManager")
                .isLoggable(Level.WARNING));
        assertTrue(factory.getLogger("com.hazelcast.client.impl.spi.ClientInvocationService")
                .isLoggable(Level.SEVERE));
        assertFalse(factory.getLogger("com.hazelcast.instance.impl.Node").isLoggable(Level.INFO));
    }

    @Test
    void verboseLetsEverythingFromInfoUpThrough() {
        HazelcastLogging.install(true);
        assertTrue(factory.getLogger("com.hazelcast.client.impl.spi.ClientInvocationService")
                .isLoggable(Level.WARNING));
        assertTrue(factory.getLogger("com.hazelcast.instance.impl.Node").isLoggable(Level.INFO));
        assertFalse(factory.getLogger("com.hazelcast.instance.impl.Node").isLoggable(Level.FINE));
    }
}
