package org.effnas.cluster.bench;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.dispatch.ClusterEvaluator;
import org.effnas.cluster.journal.BatchRun;
import org.effnas.cluster.journal.MemoryJournal;
import org.effnas.eval.Candidate;
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
        String cluster = "effnas-bench-" + UUID.randomUUID().toString().substring(0, 8);
        ClusterSettings settings = ClusterSettings.of(cluster, SleepingEvaluator.KIND)
                .withBind(HostPort.of("127.0.0.1", 0));
        List<Process> processes = new ArrayList<>();
        try (ClusterEvaluator coordinator = ClusterEvaluator.start(settings, line -> { })) {
            for (int i = 0; i < workers; i++) {
                processes.add(spawn(cluster, coordinator.address(), task, "bench-" + i));
            }
            if (!coordinator.awaitWorkers(workers, Duration.ofSeconds(120))) {
                throw new IllegalStateException("only " + coordinator.stats().workers() + " of " + workers
                        + " benchmark workers joined within 120 s");
            }
            List<Candidate> batch = candidates(tasks);
            long t0 = System.nanoTime();
            BatchRun.Outcome outcome = BatchRun.run(batch, coordinator, new MemoryJournal(), line -> { });
            double wall = (System.nanoTime() - t0) / 1e9;
            if (outcome.recorded() != tasks || outcome.failed() != 0) {
                throw new IllegalStateException("benchmark batch incomplete: " + outcome);
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

    private static Process spawn(String cluster, HostPort join, Duration task, String id) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SyntheticWorker.class.getName(),
                cluster, join.toString(), Long.toString(task.toMillis()), id)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
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
