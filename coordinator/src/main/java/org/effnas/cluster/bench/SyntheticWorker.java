package org.effnas.cluster.bench;

import java.time.Duration;
import java.util.Set;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.cluster.worker.HazelcastWorkerLoop;
import org.effnas.cluster.worker.WorkerProcess;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.device.DeviceList;

/**
 * A worker process with the {@link SleepingEvaluator}: what the cluster benchmark spawns.
 * Arguments: {@code CLUSTER HOST:PORT TASK_MILLIS WORKER_ID}; the key comes from the
 * {@value ClusterCredentials#ENV} environment variable, never from the command line.
 */
public final class SyntheticWorker {

    private SyntheticWorker() {
    }

    public static void main(String[] args) throws Exception {
        ClusterCredentials credentials = new ClusterCredentials(args[0],
                ClusterSecret.parse(System.getenv(ClusterCredentials.ENV), ClusterCredentials.ENV));
        WorkerSettings settings = WorkerSettings.of(credentials, HostPort.parse("join", args[1]),
                        DeviceList.cpu(1), SleepingEvaluator.KIND)
                .withWorkerId(args[3])
                .withReconnectTimeout(Duration.ofSeconds(30));
        SleepingEvaluator sleeping = SleepingEvaluator.of(Duration.ofMillis(Long.parseLong(args[2])), Set.of());
        int code = WorkerProcess.run(new HazelcastWorkerLoop(settings, slot -> sleeping, line -> { }));
        System.exit(code);
    }
}
