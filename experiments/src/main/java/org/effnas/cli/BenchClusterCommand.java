package org.effnas.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.cluster.bench.ClusterBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas bench cluster}: the coordinator's overhead and the cluster's throughput with worker
 * processes on this machine and a sleeping evaluator (no training). A benchmark: it prints figures.
 */
@Command(name = "cluster",
        description = {
                "Measure the Hazelcast cluster itself: for each worker count, start a coordinator and that many worker "
                        + "PROCESSES on 127.0.0.1 whose evaluator sleeps --task-seconds, run a batch, and report the "
                        + "delay from submitting a candidate to a worker starting it (median, p99) and the throughput "
                        + "against the ideal (workers / task seconds).",
                "Figures depend on the machine's cores: worker processes share them. See docs/cluster.md."},
        footer = {"", "Examples:",
                "  effnas bench cluster",
                "  effnas bench cluster --workers 1,2,4,8 --task-seconds 1 --tasks 80"})
public final class BenchClusterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", split = ",", paramLabel = "N", defaultValue = "1,2,4,8",
            description = "Worker counts to measure (default: ${DEFAULT-VALUE}).")
    private List<Integer> workers = new ArrayList<>();

    @Option(names = "--task-seconds", paramLabel = "S", defaultValue = "1",
            description = "Seconds each synthetic evaluation sleeps (default: ${DEFAULT-VALUE}).")
    private double taskSeconds;

    @Option(names = "--tasks", paramLabel = "N",
            description = "Evaluations per worker count (default: 10 per worker).")
    private Integer tasks;

    @Override
    public Integer call() throws Exception {
        for (int n : workers) {
            InputCheck.refuse(n < 1 || n > 64, "--workers: each count must be in 1..64, got " + n);
        }
        InputCheck.refuse(!(taskSeconds > 0 && taskSeconds <= 600),
                "--task-seconds: must be in (0, 600], got " + taskSeconds);
        InputCheck.refuse(tasks != null && (tasks < 1 || tasks > 100_000), "--tasks: must be in 1..100000, got " + tasks);
        PrintWriter out = spec.commandLine().getOut();
        List<ClusterBenchmark.Row> rows = ClusterBenchmark.run(workers,
                Duration.ofMillis(Math.round(taskSeconds * 1000)), tasks, line -> { });
        out.println("| workers | tasks | wall s | throughput /s | ideal /s | vs ideal | dispatch median ms | dispatch p99 ms |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ClusterBenchmark.Row r : rows) {
            out.println(String.format(Locale.ROOT, "| %d | %d | %.2f | %.3f | %.3f | %.3f | %.2f | %.2f |",
                    r.workers(), r.tasks(), r.wallSeconds(), r.throughput(), r.ideal(), r.efficiency(),
                    r.medianDispatchMs(), r.p99DispatchMs()));
        }
        out.flush();
        return Effnas.EXIT_OK;
    }
}
