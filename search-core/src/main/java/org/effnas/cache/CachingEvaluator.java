package org.effnas.cache;

import java.util.concurrent.CompletableFuture;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;

/**
 * An {@link Evaluator} that serves a candidate from the {@link ResultCache} when the same spec,
 * training settings, seed, dataset and evaluator kind were evaluated before (in any experiment), and
 * otherwise evaluates it and stores the result. Served results carry {@code provenance.cached = true}.
 * With {@code fresh} nothing is served, but new results still refresh the cache.
 */
public final class CachingEvaluator implements Evaluator {

    private final Evaluator delegate;
    private final ResultCache cache;
    private final String dataset;
    private final boolean fresh;

    private CachingEvaluator(Evaluator delegate, ResultCache cache, String dataset, boolean fresh) {
        this.delegate = delegate;
        this.cache = cache;
        this.dataset = dataset;
        this.fresh = fresh;
    }

    /**
     * @param dataset the dataset identity the delegate evaluates on (name and checksum; the
     *                surrogate's calibration for the surrogate)
     */
    public static CachingEvaluator of(Evaluator delegate, ResultCache cache, String dataset, boolean fresh) {
        return new CachingEvaluator(delegate, cache, dataset, fresh);
    }

    @Override
    public CompletableFuture<EvalResult> submit(Candidate candidate) {
        if (candidate.fidelity() != null) {
            // A rung continues (and writes) a checkpoint of this experiment: a cached number would leave
            // the next promotion nothing to resume from, so rungs always run.
            return delegate.submit(candidate);
        }
        CacheKey key = CacheKey.of(candidate, dataset, delegate.kind());
        if (!fresh) {
            var hit = cache.lookup(key);
            if (hit.isPresent()) {
                return CompletableFuture.completedFuture(hit.get().servedFromCacheFor(candidate));
            }
        }
        return delegate.submit(candidate).thenApply(r -> {
            try {
                cache.store(key, r);
            } catch (java.io.UncheckedIOException e) {
                // The journal is the record; a cache that cannot be written costs re-evaluations only.
            }
            return r;
        });
    }

    @Override
    public int capacity() {
        return delegate.capacity();
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
