package org.effnas.worker.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;

/**
 * Training steps of a spec in a child JVM with oneDNN's verbose mode on, to count the primitives
 * oneDNN executes per step (reorders, that is layout conversions, among them). oneDNN reads
 * {@value #VERBOSE_ENV} once, when it loads, and prints to the process's standard output, so the steps
 * run in a separate process started with the variable set; the parent reads that output with
 * {@link OneDnnVerboseLog}. The child prints {@value OneDnnVerboseLog#STEP_MARK} before each timed step
 * so that warm-up (primitive creation, JIT) is left out.
 */
public final class OneDnnVerboseRun {

    /** The variable the bundled oneDNN 2.x reads ({@code ONEDNN_VERBOSE} is set too, for later versions). */
    public static final String VERBOSE_ENV = "DNNL_VERBOSE";

    private OneDnnVerboseRun() {
    }

    /**
     * Runs {@code warmup} then {@code steps} training steps of {@code spec} at {@code batch} on synthetic
     * batches in a child JVM with the current class path, JVM options and environment plus verbose mode,
     * and parses what oneDNN printed. Waits at most {@code timeoutSeconds}.
     */
    public static OneDnnVerboseLog measure(ArchSpec spec, int batch, int warmup, int steps, long timeoutSeconds) {
        try {
            Path specFile = Files.createTempFile("effnas-verbose", ".yaml");
            try {
                Files.writeString(specFile, SpecFiles.toYaml(spec));
                List<String> command = new ArrayList<>();
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(OneDnnVerboseRun.class.getName());
                command.addAll(List.of(specFile.toString(), Integer.toString(batch), Integer.toString(warmup),
                        Integer.toString(steps)));
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put(VERBOSE_ENV, "1");
                pb.environment().put("ONEDNN_VERBOSE", "1");
                Process p = pb.start();
                List<String> lines = new ArrayList<>();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the oneDNN verbose run took over " + timeoutSeconds + " s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("the oneDNN verbose run exited with " + p.exitValue());
                }
                return OneDnnVerboseLog.parse(lines);
            } finally {
                Files.deleteIfExists(specFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the oneDNN verbose child: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the oneDNN verbose run", e);
        }
    }

    /** Child entry point: {@code SPEC_FILE BATCH WARMUP STEPS}. */
    public static void main(String[] args) {
        ArchSpec spec = SpecFiles.read(Path.of(args[0]));
        int batch = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        NativeBackend.prepare();
        ComputationGraph net = GraphTranslator.build(spec, GraphOptions.defaults(1));
        SyntheticBatches data = SyntheticBatches.of(spec, batch, 1);
        for (int i = 0; i < warmup; i++) {
            net.fit(data.next());
        }
        for (int i = 0; i < steps; i++) {
            System.out.println(OneDnnVerboseLog.STEP_MARK);
            System.out.flush();
            long t0 = System.nanoTime();
            net.fit(data.next());
            System.out.println(OneDnnVerboseLog.STEP_END + ((System.nanoTime() - t0) / 1e6));
            System.out.flush();
        }
        System.exit(0);
    }
}
