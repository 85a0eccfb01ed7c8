package org.effnas.cluster.process;

import java.time.Duration;
import java.util.Set;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.worker.ClusterWorker;
import org.effnas.cluster.worker.DeviceSlots;
import org.effnas.cluster.worker.WorkerProcess;
import org.effnas.cluster.worker.WorkerSettings;
import org.effnas.eval.BlockingEvaluator;

/**
 * Test-only worker process with the sleeping evaluator. Prints {@code start <candidate> <slot>}
 * before each evaluation. SIGTERM makes it leave the cluster cleanly and exit 0 ({@link WorkerProcess}).
 */
public final class WorkerMain {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String id = a.get("--id", "w");
        Set<String> failing = Set.of(a.get("--fail", "").split(","));
        WorkerSettings settings = WorkerSettings.of(a.get("--cluster", "effnas-test"),
                        HostPort.parse("--join", a.get("--join", "127.0.0.1:5701")),
                        DeviceSlots.parse(a.get("--devices", "cpu:1")), SleepingEvaluator.KIND)
                .withWorkerId(id)
                .withReconnectTimeout(Duration.ofSeconds(a.integer("--reconnect-s", 30)));
        BlockingEvaluator sleeping = SleepingEvaluator.of(Duration.ofMillis(a.integer("--task-ms", 1000)), failing);
        ClusterWorker worker = new ClusterWorker(settings, slot -> (c, workerId) -> {
            CoordinatorMain.say("start " + c.id() + " " + workerId);
            return sleeping.evaluate(c, workerId);
        }, CoordinatorMain::say);
        int code = WorkerProcess.run(worker);
        CoordinatorMain.say("EXIT " + code);
        System.exit(code);
    }
}
