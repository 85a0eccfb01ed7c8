package org.effnas.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.junit.jupiter.api.Test;

/** A member or a client of another cluster is not admitted by the coordinator's member. */
class ForeignClusterTest {

    @Test
    void membersAndClientsOfAnotherClusterAreNotAdmitted() {
        ClusterSettings settings = ClusterSettings.of("effnas-home", SleepingEvaluator.KIND)
                .withBind(HostPort.of("127.0.0.1", 0));
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            ClusterSettings foreign = new ClusterSettings("effnas-other", HostPort.of("127.0.0.1", 0),
                    List.of(coordinator.address()), null, ClusterSettings.DEFAULT_LEASE_TIMEOUT, null, 3,
                    SleepingEvaluator.KIND, false, null, null);
            Config config = HazelcastConfigs.member(foreign);
            config.setProperty("hazelcast.max.join.seconds", "3");
            HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
            try {
                assertEquals(1, member.getCluster().getMembers().size(), "the foreign member stays alone");
                assertEquals(1, coordinator.memberCount(), "the coordinator admitted nobody");
            } finally {
                member.shutdown();
            }
            assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(HazelcastConfigs.client(
                    "effnas-other", List.of(coordinator.address()), null, Duration.ofSeconds(3), false)));
        }
    }
}
