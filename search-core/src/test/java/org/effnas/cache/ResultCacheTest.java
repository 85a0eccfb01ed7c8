package org.effnas.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.effnas.eval.Candidate;
import org.effnas.eval.CandidateFixtures;
import org.effnas.eval.EvalResult;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {

    @TempDir
    Path dir;

    @Test
    void keyDependsOnEveryPart() {
        Candidate c = CandidateFixtures.candidate("c1");
        CacheKey k = CacheKey.of(c, "fashion-mnist@ab", "dl4j");
        assertEquals(k.hash(), CacheKey.of(CandidateFixtures.candidate("other-id"), "fashion-mnist@ab", "dl4j").hash(),
                "the candidate id is not part of the key");
        assertNotEquals(k.hash(), CacheKey.of(c, "fashion-mnist@cd", "dl4j").hash());
        assertNotEquals(k.hash(), CacheKey.of(c, "fashion-mnist@ab", "surrogate").hash());
        assertNotEquals(k.hash(), CacheKey.of(Candidate.of("c1", c.spec(), c.training().withEpochs(3), 7),
                "fashion-mnist@ab", "dl4j").hash());
        assertNotEquals(k.hash(), CacheKey.of(Candidate.of("c1", c.spec(), c.training(), 8), "fashion-mnist@ab", "dl4j").hash());
        assertNotEquals(k.hash(), CacheKey.of(Candidate.of("c1", c.spec().withResolution(32), c.training(), 7),
                "fashion-mnist@ab", "dl4j").hash());
    }

    @Test
    void sameSpecIsNeverEvaluatedTwiceAcrossExperimentsAndSaysItCameFromTheCache() {
        AtomicInteger evaluations = new AtomicInteger();
        SurrogateEvaluator surrogate = SurrogateEvaluator.of(Architectures.get("effnas-mini"));
        var counting = InlineEvaluator.of((c, w) -> {
            evaluations.incrementAndGet();
            return surrogate.evaluate(c, w);
        }, "surrogate");
        Candidate first = CandidateFixtures.candidate("c000001");
        EvalResult computed;
        try (CachingEvaluator e = CachingEvaluator.of(counting, ResultCache.at(dir), surrogate.datasetId(), false)) {
            computed = e.submit(first).join();
            assertFalse(computed.provenance().cached());
        }
        // Another experiment (another cache instance, another candidate id) asks for the same evaluation.
        try (CachingEvaluator e = CachingEvaluator.of(counting, ResultCache.at(dir), surrogate.datasetId(), false)) {
            EvalResult served = e.submit(CandidateFixtures.candidate("c000077")).join();
            assertEquals(1, evaluations.get());
            assertTrue(served.provenance().cached());
            assertEquals("c000077", served.candidateId());
            assertEquals(computed.top1(), served.top1());
        }
        try (CachingEvaluator e = CachingEvaluator.of(counting, ResultCache.at(dir), surrogate.datasetId(), true)) {
            assertFalse(e.submit(first).join().provenance().cached(), "--fresh evaluates again");
            assertEquals(2, evaluations.get());
        }
    }

    @Test
    void failuresAreNotCachedAndTornLinesAreSkipped() throws Exception {
        ResultCache cache = ResultCache.at(dir);
        Candidate c = CandidateFixtures.candidate("c1");
        CacheKey key = CacheKey.of(c, "d", "dl4j");
        cache.store(key, EvalResult.failed(c, "OOM", 1, "w", Provenance.of("dl4j", 7, TrainingSettings.defaults(), "d", "", "v")));
        assertTrue(ResultCache.at(dir).lookup(key).isEmpty());
        EvalResult ok = new EvalResult("c1", c.specKey(), 0.5, Double.NaN, Double.NaN, 1, 2, Double.NaN, Double.NaN, 1,
                "w", null, Provenance.of("dl4j", 7, TrainingSettings.defaults(), "d", "", "v"));
        cache.store(key, ok);
        Path shard = dir.resolve(key.hash().substring(0, 2) + ".jsonl");
        Files.writeString(shard, Files.readString(shard) + "{\"key\":\"torn", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(0.5, ResultCache.at(dir).lookup(key).orElseThrow().top1());
    }
}
