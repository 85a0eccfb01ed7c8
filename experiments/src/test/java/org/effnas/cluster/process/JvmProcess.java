package org.effnas.cluster.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real JVM started from the test classpath with a small heap; its stdout is collected line by
 * line so a test can wait for events. Killed with SIGKILL, paused with SIGSTOP, resumed with SIGCONT.
 */
final class JvmProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean pumped;

    private final Path errFile;

    private JvmProcess(String name, Process process, Path errFile) {
        this.name = name;
        this.process = process;
        this.errFile = errFile;
        Thread errors = new Thread(this::pumpErrors, "pump-err-" + name);
        errors.setDaemon(true);
        errors.start();
        Thread reader = new Thread(this::pump, "pump-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code effnas ARGS} ({@code org.effnas.cli.Effnas}) as its own JVM. */
    static JvmProcess effnas(String name, Path logDir, java.util.Map<String, String> env, String... args)
            throws IOException {
        return start(name, "org.effnas.cli.Effnas", logDir, env, args);
    }

    static JvmProcess start(String name, String main, Path logDir, java.util.Map<String, String> env, String... args)
            throws IOException {
        return start(name, main, logDir, env, List.of("-Xmx256m"), args);
    }

    /** As above with these memory options ({@code -Xmx...}, JavaCPP's off-heap limits for DL4J). */
    static JvmProcess start(String name, String main, Path logDir, java.util.Map<String, String> env,
                            List<String> memory, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(memory);
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                // the access Hazelcast asks for on Java 9+ (otherwise it warns on every start)
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().putAll(env);
        Process p = b.start();
        return new JvmProcess(name, p, logDir.resolve(name + ".err"));
    }

    /**
     * Stderr (where the CLI's progress and notices go) is watched like stdout and also kept in a file,
     * so a failed CI run can be read afterwards.
     */
    private void pumpErrors() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
             java.io.Writer file = java.nio.file.Files.newBufferedWriter(errFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.write(line + "\n");
                file.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process died: the lines so far stay readable
        }
        synchronized (lines) {
            pumped = true;
            lines.notifyAll();
        }
    }

    /** Waits for a line matching {@code p} (looking at every line printed so far too). */
    String await(Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (p.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (!process.isAlive() && pumped) {
                    throw new AssertionError(name + " exited with " + process.exitValue()
                            + " before printing a matching line; output:\n" + String.join("\n", lines));
                }
                if (left <= 0) {
                    throw new AssertionError(name + ": no matching line within " + timeout + "; output:\n"
                            + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    String await(String prefix, Duration timeout) throws InterruptedException {
        return await(l -> l.startsWith(prefix), timeout);
    }

    /** Everything the process wrote to stderr so far. */
    String stderr() {
        try {
            return java.nio.file.Files.readString(errFile);
        } catch (IOException e) {
            return "";
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    long count(Predicate<String> p) {
        return lines().stream().filter(p).count();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to exit and returns its exit code. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + timeout + "; output:\n"
                    + String.join("\n", lines()));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                signal("CONT");
            } catch (IOException | AssertionError e) {
                // it may have exited in between
            }
            kill();
        }
    }
}
