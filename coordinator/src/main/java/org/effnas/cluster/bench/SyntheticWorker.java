package org.effnas.cluster.bench;

import java.time.Duration;
import java.util.Set;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.worker.ClusterWorker;
import org.effnas.cluster.worker.DeviceSlots;
import org.effnas.cluster.worker.WorkerProcess;
import org.effnas.cluster.worker.WorkerSettings;

/**
 * A worker process with the {@link SleepingEvaluator}: what the cluster benchmark spawns.
 * Arguments: {@code CLUSTER HOST:PORT TASK_MILLIS WORKER_ID}.
 */
public final class SyntheticWorker {

    private SyntheticWorker() {
    }

    public static void main(String[] args) throws Exception {
        WorkerSettings settings = WorkerSettings.of(args[0], HostPort.parse("join", args[1]),
                        DeviceSlots.parse("cpu:1"), SleepingEvaluator.KIND)
                .withWorkerId(args[3])
                .withReconnectTimeout(Duration.ofSeconds(30));
        SleepingEvaluator sleeping = SleepingEvaluator.of(Duration.ofMillis(Long.parseLong(args[2])), Set.of());
        int code = WorkerProcess.run(new ClusterWorker(settings, slot -> sleeping, line -> { }));
        System.exit(code);
    }
}
