package org.effnas.cluster.process;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;

/**
 * Test-only member of ANOTHER cluster that tries to join the coordinator's address by TCP-IP.
 * Prints {@code MEMBERS n} once its join attempt is over.
 */
public final class ForeignMemberMain {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        ClusterSettings settings = new ClusterSettings(a.get("--cluster", "effnas-other"),
                HostPort.parse("--bind", a.get("--bind", "127.0.0.1:5799")),
                List.of(HostPort.parse("--join", a.get("--join", "127.0.0.1:5701"))), null,
                ClusterSettings.DEFAULT_LEASE_TIMEOUT, null, 3, SleepingEvaluator.KIND, false);
        com.hazelcast.config.Config config = HazelcastConfigs.member(settings);
        config.setProperty("hazelcast.max.join.seconds", "3");
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        CoordinatorMain.say("MEMBERS " + hz.getCluster().getMembers().size());
        hz.shutdown();
        System.exit(0);
    }
}
