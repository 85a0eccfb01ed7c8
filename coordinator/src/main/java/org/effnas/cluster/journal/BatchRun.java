package org.effnas.cluster.journal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;

/**
 * Evaluates a fixed list of candidates (a grid, a benchmark, a re-run) through any
 * {@link Evaluator}, keeping about {@code capacity()} in flight, and records each result in the
 * journal exactly once. Candidates the journal already has are skipped, so running it again after a
 * crash re-issues only the unfinished ones.
 */
public final class BatchRun {

    /**
     * What a run did.
     *
     * @param skipped    already in the journal when the run started
     * @param recorded   results recorded by this run
     * @param failed     of those, failed evaluations
     * @param duplicates results the journal refused as already recorded (0 unless something is wrong)
     */
    public record Outcome(int skipped, int recorded, int failed, int duplicates) {
    }

    private BatchRun() {
    }

    /**
     * Runs every candidate the journal does not have yet.
     *
     * @param progress receives one line per recorded result
     */
    public static Outcome run(List<Candidate> candidates, Evaluator evaluator, ResultJournal journal,
                              Consumer<String> progress) throws InterruptedException {
        Set<String> done = journal.recordedIds();
        Deque<Candidate> todo = new ArrayDeque<>();
        for (Candidate c : candidates) {
            if (!done.contains(c.id())) {
                todo.add(c);
            }
        }
        int skipped = candidates.size() - todo.size();
        progress.accept("batch candidates=" + candidates.size() + " recorded-before=" + skipped
                + " to-run=" + todo.size());
        LinkedBlockingQueue<EvalResult> finished = new LinkedBlockingQueue<>();
        int outstanding = 0;
        int recorded = 0;
        int failed = 0;
        int duplicates = 0;
        while (!todo.isEmpty() || outstanding > 0) {
            while (!todo.isEmpty() && outstanding < Math.max(1, evaluator.capacity())) {
                CompletableFuture<EvalResult> f = evaluator.submit(todo.poll());
                f.whenComplete((r, e) -> finished.add(r != null ? r : brokenDown(e)));
                outstanding++;
            }
            // Re-read capacity now and then: workers that join late get work without waiting.
            EvalResult r = finished.poll(100, TimeUnit.MILLISECONDS);
            if (r == null) {
                continue;
            }
            outstanding--;
            if (r.candidateId() == null) {
                throw new IllegalStateException("the evaluator broke down: " + r.failure());
            }
            if (journal.record(r)) {
                recorded++;
                failed += r.ok() ? 0 : 1;
                progress.accept("recorded candidate=" + r.candidateId() + (r.ok() ? " top1=" + r.top1()
                        : " failed=" + r.failure()) + " worker=" + r.workerId());
            } else {
                duplicates++;
                progress.accept("duplicate candidate=" + r.candidateId());
            }
        }
        return new Outcome(skipped, recorded, failed, duplicates);
    }

    /** A marker result for a future that completed exceptionally: the evaluator itself broke down. */
    private static EvalResult brokenDown(Throwable e) {
        Throwable cause = e instanceof CompletionException || e instanceof ExecutionException ? e.getCause() : e;
        return new EvalResult(null, null, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN, 0,
                null, String.valueOf(cause), null);
    }
}
