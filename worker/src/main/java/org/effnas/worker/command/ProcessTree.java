package org.effnas.worker.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a process tree that cannot outlive its evaluation: the command starts in a
 * session of its own ({@code setsid}) under a small {@code sh} guard whose standard input is a pipe
 * from this JVM. When this JVM dies, even by SIGKILL, the pipe closes and the guard kills its whole
 * process group, the command and everything it started. A timeout, an interrupt (cancel) or this
 * JVM's orderly shutdown kill the tree from here. Standard output and standard error go to a log
 * file; the last lines of standard error are kept for the failure reason.
 */
final class ProcessTree {

    /** How many lines of stderr a failure reason quotes. */
    static final int TAIL_LINES = 12;

    /**
     * The guard: runs "$@" in the background, and a watcher that blocks reading the JVM's pipe; at
     * EOF (the JVM is gone) the watcher kills the process group (the session setsid made).
     */
    private static final String GUARD = """
            exec 3<&0
            "$@" </dev/null 3<&- &
            child=$!
            { cat <&3 >/dev/null 2>&1; kill -KILL 0; } >/dev/null 2>&1 &
            watcher=$!
            exec 3<&-
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT
            wait "$child"
            rc=$?
            kill -KILL "$watcher" 2>/dev/null
            exit "$rc"
            """;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ProcessTree::kill), "effnas-command-reaper"));
    }

    /**
     * How a run ended.
     *
     * @param exitCode   the command's exit status; -1 when it was killed by a timeout or a cancel
     * @param timedOut   killed because it ran past the timeout
     * @param cancelled  killed because the evaluating thread was interrupted
     * @param stderrTail its last lines of standard error, oldest first
     */
    record Outcome(int exitCode, boolean timedOut, boolean cancelled, List<String> stderrTail, long pid) {
    }

    private ProcessTree() {
    }

    /** The argv that runs {@code command} under the guard in a new session. */
    static List<String> guarded(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("setsid", "-w", "/bin/sh", "-c", GUARD, "effnas-guard"));
        argv.addAll(command);
        return argv;
    }

    /**
     * Runs {@code command} to completion or until {@code timeout} (zero: none).
     *
     * @param env added to (and overriding) this JVM's environment
     * @param log standard output and standard error, appended
     */
    static Outcome run(List<String> command, Map<String, String> env, Path workdir, Duration timeout, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(guarded(command)).directory(workdir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p = pb.start();
        LIVE.add(p);
        Deque<String> tail = new ArrayDeque<>();
        Thread copier = new Thread(() -> copyStderr(p, log, tail), "effnas-command-stderr-" + p.pid());
        copier.setDaemon(true);
        copier.start();
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            if (timeout.isZero()) {
                p.waitFor();
            } else if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
            }
        } catch (InterruptedException e) {
            cancelled = true;
            Thread.currentThread().interrupt();
        }
        try {
            if (timedOut || cancelled) {
                kill(p);
            }
            closeQuietly(p.getOutputStream());
            copier.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(p);
        }
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        return new Outcome(timedOut || cancelled ? -1 : p.exitValue(), timedOut, cancelled, lines, p.pid());
    }

    /** Kills a process and every descendant, children first, then waits for them to be gone. */
    static void kill(Process p) {
        for (int pass = 0; pass < 2; pass++) {
            List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
            tree.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            for (ProcessHandle h : tree) {
                h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> h).join();
            }
        }
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyStderr(Process p, Path log, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
             OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            synchronized (tail) {
                tail.addLast("(effnas: stderr could not be read: " + e.getMessage() + ")");
            }
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the guard is gone already; nothing is written to it anyway
        }
    }
}
