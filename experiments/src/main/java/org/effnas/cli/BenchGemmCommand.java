package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.profile.GemmBenchmark;
import org.effnas.worker.profile.ProcessorName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code effnas bench gemm}: the CPU's measured float32 matrix-product rate, the roofline's roof. */
@Command(name = "gemm",
        description = {
                "Measure this CPU's single-precision peak as ND4J reaches it: square float32 products C = A B of "
                        + "each size with ND4J's BLAS sgemm and with libnd4j's matmul op (oneDNN), 2 n^3 FLOPs "
                        + "each, and print JSON with the best and median GFLOP/s and the threads used. Read the "
                        + "gflops_per_second of bench train against it as a fraction of the limit.",
                "PyTorch's figure on the same CPU: bench/pytorch_reference.py in its gemm mode. See docs/performance.md."},
        footer = {"", "Examples:", "  effnas bench gemm", "  effnas bench gemm --sizes 512,1024,2048 --runs 10"})
public final class BenchGemmCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "1024,2048",
            description = "Matrix sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed products per size and kernel (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        List<GemmBenchmark> rows = GemmBenchmark.run(sizes, runs);
        ObjectNode out = OutputFormat.jsonObject();
        out.put("op", "float32 C = A B, n x n");
        out.put("threads", rows.get(0).threads());
        out.put("cpu", ProcessorName.describe());
        ArrayNode results = out.putArray("results");
        for (GemmBenchmark g : rows) {
            results.addObject().put("kernel", g.kernel().id()).put("n", g.n()).put("runs", g.runs())
                    .put("best_gflops_per_second", g.bestGflops()).put("median_gflops_per_second", g.medianGflops());
        }
        out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("backend", NativeBackend.describe());
        command.commandLine().getOut().print(OutputFormat.json(out));
        command.commandLine().getOut().flush();
        return Effnas.EXIT_OK;
    }
}
