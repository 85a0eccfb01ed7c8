package org.effnas.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.effnas.version.CodeVersion;

/**
 * N worker threads in this JVM over one {@link BlockingEvaluator}: what {@code --workers N} uses
 * without a cluster. Worker {@code i} records itself as {@code local-i}. A candidate whose evaluation
 * throws becomes a failed result (the pool keeps going); the futures complete exceptionally only
 * when the pool is closed with work still queued.
 */
public final class LocalEvaluator implements Evaluator {

    private record Task(Candidate candidate, CompletableFuture<EvalResult> future) {
    }

    private final BlockingEvaluator evaluator;
    private final String kind;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private LocalEvaluator(BlockingEvaluator evaluator, int workers, String kind) {
        if (workers < 1) {
            throw new org.effnas.InvalidInputException("workers: must be >= 1, got " + workers);
        }
        this.evaluator = evaluator;
        this.kind = kind;
        for (int i = 0; i < workers; i++) {
            String workerId = "local-" + i;
            Thread t = new Thread(() -> work(workerId), "effnas-" + workerId);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * @param kind the evaluator kind recorded in provenance of failures this pool creates itself
     *             (e.g. {@code surrogate}, {@code dl4j})
     */
    public static LocalEvaluator of(BlockingEvaluator evaluator, int workers, String kind) {
        return new LocalEvaluator(evaluator, workers, kind);
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate candidate) {
        CompletableFuture<EvalResult> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("local evaluator is closed"));
            return f;
        }
        queue.add(new Task(candidate, f));
        return f;
    }

    @Override
    public int capacity() {
        return threads.size();
    }

    @Override
    public String kind() {
        return kind;
    }

    private void work(String workerId) {
        while (!closed) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            long t0 = System.nanoTime();
            EvalResult result;
            try {
                result = evaluator.evaluate(task.candidate(), workerId);
            } catch (RuntimeException | Error e) {
                // One candidate breaking must not take the pool down: it becomes a failed result.
                Candidate c = task.candidate();
                result = EvalResult.failed(c, e.toString(), (System.nanoTime() - t0) / 1e9, workerId,
                        Provenance.of(kind, c.seed(), c.training(), "", "", CodeVersion.current()));
            }
            task.future().complete(result);
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        Task t;
        while ((t = queue.poll()) != null) {
            t.future().completeExceptionally(new IllegalStateException("local evaluator closed"));
        }
    }
}
