package org.effnas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LocalEvaluatorTest {

    private static final Provenance P = Provenance.of("test", 1, TrainingSettings.defaults(), "d", "", "v");

    @Test
    void runsOnNamedWorkersAndTurnsExceptionsIntoFailedResults() {
        BlockingEvaluator flaky = (c, worker) -> {
            if (c.id().endsWith("3")) {
                throw new IllegalStateException("out of memory");
            }
            return new EvalResult(c.id(), c.specKey(), 0.5, Double.NaN, Double.NaN, 1, 1, Double.NaN, Double.NaN, 0,
                    worker, null, P);
        };
        try (LocalEvaluator pool = LocalEvaluator.of(flaky, 3, "test")) {
            assertEquals(3, pool.capacity());
            List<CompletableFuture<EvalResult>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(CandidateFixtures.candidate("c" + i)));
            }
            Set<String> workers = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                EvalResult r = futures.get(i).join();
                assertEquals("c" + i, r.candidateId());
                workers.add(r.workerId());
                assertEquals(!("c" + i).endsWith("3"), r.ok(), r.toString());
            }
            assertTrue(Set.of("local-0", "local-1", "local-2").containsAll(workers), workers.toString());
            EvalResult failed = futures.get(3).join();
            assertTrue(failed.failure().contains("out of memory"));
            assertEquals("test", failed.provenance().evaluator());
        }
    }

    @Test
    void closingFailsQueuedWork() {
        LocalEvaluator pool = LocalEvaluator.of((c, w) -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EvalResult.failed(c, "slow", 0, w, P);
        }, 1, "test");
        pool.submit(CandidateFixtures.candidate("a"));
        CompletableFuture<EvalResult> queued = pool.submit(CandidateFixtures.candidate("b"));
        pool.close();
        assertTrue(queued.isCompletedExceptionally(), "work still queued at close fails instead of hanging");
        assertTrue(pool.submit(CandidateFixtures.candidate("c")).isCompletedExceptionally());
    }
}
