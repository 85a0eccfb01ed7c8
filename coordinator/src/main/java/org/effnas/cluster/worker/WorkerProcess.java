package org.effnas.cluster.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link HazelcastWorkerLoop} as the whole process: SIGTERM (a Kubernetes eviction) or SIGINT (Ctrl-C) makes
 * it leave the cluster cleanly (its leases are re-issued at once, not after the lease timeout) and
 * the process exit 0, like a worker whose experiment is over.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    /** Runs the worker to its end and returns its exit code; on SIGTERM the process halts with 0 after leaving. */
    public static int run(HazelcastWorkerLoop worker) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.stop();
            try {
                if (finished.await(10, TimeUnit.SECONDS)) {
                    Runtime.getRuntime().halt(HazelcastWorkerLoop.EXIT_DONE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "effnas-worker-leave");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return worker.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it halts the process once it sees the latch
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
