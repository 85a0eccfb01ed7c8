package org.effnas.cluster.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.junit.jupiter.api.Test;

class EmbeddedClusterTest {

    @Test
    void runsEveryCandidateOnceAcrossLocalWorkers() throws Exception {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        try (EmbeddedCluster cluster = EmbeddedCluster.start(3, SleepingEvaluator.KIND,
                slot -> SleepingEvaluator.of(Duration.ofMillis(100), Set.of("c004")),
                Duration.ofSeconds(5), 2, events::add)) {
            assertEquals(3, cluster.capacity());
            List<Candidate> cs = TestCandidates.candidates(9);
            List<CompletableFuture<EvalResult>> fs = new ArrayList<>();
            for (Candidate c : cs) {
                fs.add(cluster.submit(c));
            }
            Set<String> workers = new HashSet<>();
            for (int i = 0; i < cs.size(); i++) {
                EvalResult r = fs.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(cs.get(i).id(), r.candidateId());
                assertEquals(cs.get(i).specKey(), r.specKey());
                if (cs.get(i).id().equals("c004")) {
                    assertTrue(r.failure().startsWith("failed after 2 attempts"), r.failure());
                } else {
                    assertTrue(r.ok(), r.failure());
                    assertEquals(SleepingEvaluator.accuracy(cs.get(i).seed()), r.top1());
                    workers.add(r.workerId());
                }
            }
            assertTrue(workers.size() >= 2, "work spread over workers: " + workers);
            assertEquals(9, cluster.stats().completed());
            assertEquals(1, cluster.stats().failedFinal());
            assertEquals(1, cluster.stats().retries());
            assertEquals(9 + 1, cluster.coordinator().dispatchMicros().size());
        }
    }
}
