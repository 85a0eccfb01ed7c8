package org.effnas.cluster.bench;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.trust.ClusterCredentials;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;

/**
 * Measures the cluster's own cost with worker PROCESSES on this machine and a sleeping evaluator:
 * the delay from submitting a candidate to a worker starting it (median, p99), and the throughput
 * against the ideal of {@code workers / task seconds}. A benchmark, not a test: it prints figures.
 */
public final class ClusterBenchmark {

    /**
     * One row of the result table.
     *
     * @param ideal       workers / task seconds, evaluations per second
     * @param throughput  measured evaluations per second over the whole batch
     */
    public record Row(int workers, int tasks, double taskSeconds, double wallSeconds, double throughput,
                      double ideal, double medianDispatchMs, double p99DispatchMs) {

        public double efficiency() {
            return throughput / ideal;
        }
    }

    private ClusterBenchmark() {
    }

    /**
     * Runs one batch per worker count.
     *
     * @param tasks batch size of every row, or null for 10 per worker (enough waves to reach steady state)
     */
    public static List<Row> run(List<Integer> workerCounts, Duration task, Integer tasks, Consumer<String> log)
            throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (int n : workerCounts) {
            rows.add(runOne(n, task, tasks == null ? 10 * n : tasks, log));
        }
        return rows;
    }

    private static Row runOne(int workers, Duration task, int tasks, Consumer<String> log)
            throws IOException, InterruptedException {
        ClusterCredentials credentials = ClusterCredentials.generate("effnas-bench");
        ClusterSettings settings = ClusterSettings.of(credentials.clusterName(), SleepingEvaluator.KIND)
                .withCredentials(credentials)
                .withBind(HostPort.of("127.0.0.1", 0));
        List<Process> processes = new ArrayList<>();
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            for (int i = 0; i < workers; i++) {
                processes.add(spawn(credentials, coordinator.address(), task, "bench-" + i));
            }
            if (!coordinator.awaitWorkers(workers, Duration.ofSeconds(120))) {
                throw new IllegalStateException("only " + coordinator.stats().workers() + " of " + workers
                        + " benchmark workers joined within 120 s");
            }
            List<Candidate> batch = candidates(tasks);
            long t0 = System.nanoTime();
            int ok = evaluateAll(batch, coordinator);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (ok != tasks) {
                throw new IllegalStateException("benchmark batch incomplete: " + ok + " of " + tasks + " succeeded");
            }
            List<Long> dispatch = new ArrayList<>(coordinator.dispatchMicros());
            dispatch.sort(null);
            double seconds = task.toNanos() / 1e9;
            Row row = new Row(workers, tasks, seconds, wall, tasks / wall, workers / seconds,
                    percentile(dispatch, 0.5) / 1000.0, percentile(dispatch, 0.99) / 1000.0);
            log.accept(String.format(java.util.Locale.ROOT,
                    "workers=%d tasks=%d wall=%.2fs throughput=%.3f/s ideal=%.3f/s (%.1f%%) dispatch median=%.2fms p99=%.2fms",
                    workers, tasks, wall, row.throughput(), row.ideal(), 100 * row.efficiency(),
                    row.medianDispatchMs(), row.p99DispatchMs()));
            return row;
        } finally {
            for (Process p : processes) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * Evaluates every candidate keeping the evaluator's {@code capacity()} in flight (re-read as
     * results arrive, so every slot stays busy); returns how many succeeded. Nothing is recorded:
     * the benchmark measures the cluster, not the journal.
     */
    static int evaluateAll(List<Candidate> batch, Evaluator evaluator) throws InterruptedException {
        LinkedBlockingQueue<Boolean> finished = new LinkedBlockingQueue<>();
        int next = 0;
        int outstanding = 0;
        int ok = 0;
        while (next < batch.size() || outstanding > 0) {
            while (next < batch.size() && outstanding < Math.max(1, evaluator.capacity())) {
                CompletableFuture<EvalResult> f = evaluator.submit(batch.get(next++));
                f.whenComplete((r, e) -> finished.add(r != null && r.ok()));
                outstanding++;
            }
            Boolean r = finished.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                outstanding--;
                ok += r ? 1 : 0;
            }
        }
        return ok;
    }

    private static Process spawn(ClusterCredentials credentials, HostPort join, Duration task, String id)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SyntheticWorker.class.getName(),
                credentials.clusterName(), join.toString(), Long.toString(task.toMillis()), id)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // the key travels in the environment, never on a command line other users can read
        b.environment().put(ClusterCredentials.ENV, credentials.secret().text());
        return b.start();
    }

    private static List<Candidate> candidates(int count) {
        List<Candidate> out = new ArrayList<>();
        var spec = Architectures.efficientNetB0();
        for (int i = 0; i < count; i++) {
            out.add(Candidate.of(String.format("b%05d", i), spec, TrainingSettings.defaults(), i));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code java -cp ... org.effnas.cluster.bench.ClusterBenchmark [1,2,4,8] [task-seconds] [tasks]}. */
    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "1,2,4,8").split(",")) {
            counts.add(Integer.parseInt(s.trim()));
        }
        Duration task = Duration.ofMillis(Math.round(1000 * Double.parseDouble(args.length > 1 ? args[1] : "1")));
        Integer tasks = args.length > 2 ? Integer.valueOf(args[2]) : null;
        run(counts, task, tasks, System.out::println);
        System.exit(0);
    }

}
