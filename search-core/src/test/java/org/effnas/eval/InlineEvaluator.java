package org.effnas.eval;

import java.util.concurrent.CompletableFuture;
import org.effnas.version.CodeVersion;

/**
 * Evaluates on the caller's thread inside {@link #submit}, one at a time (capacity 1): the cheapest
 * way to drive a fast evaluator such as the surrogate without sleeping, deterministic by construction.
 * The worker id is {@code inline}.
 */
public final class InlineEvaluator implements Evaluator {

    private final BlockingEvaluator evaluator;
    private final String kind;

    private InlineEvaluator(BlockingEvaluator evaluator, String kind) {
        this.evaluator = evaluator;
        this.kind = kind;
    }

    public static InlineEvaluator of(BlockingEvaluator evaluator, String kind) {
        return new InlineEvaluator(evaluator, kind);
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate c) {
        long t0 = System.nanoTime();
        try {
            return CompletableFuture.completedFuture(evaluator.evaluate(c, "inline"));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(EvalResult.failed(c, e.toString(),
                    (System.nanoTime() - t0) / 1e9, "inline",
                    Provenance.of(kind, c.seed(), c.training(), "", "", CodeVersion.current())));
        }
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
