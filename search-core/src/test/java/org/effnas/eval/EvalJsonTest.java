package org.effnas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.reference.Architectures;
import org.effnas.search.EvolutionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EvalJsonTest {

    static Stream<String> architectures() {
        return Architectures.names().stream();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void candidateRoundTripsForEveryBuiltInArchitecture(String name) {
        Candidate c = Candidate.of("c000001", Architectures.get(name),
                TrainingSettings.defaults().withEpochs(2.5).withSubset(5000), 42);
        Candidate back = EvalJson.candidate(EvalJson.candidate(c), "test");
        assertEquals(c, back);
        assertEquals(c.specKey(), back.specKey());
    }

    @Test
    void theRecordTextsStayAsCacheKeysJournalsAndExperimentIdsHaveThem() {
        // a cache key hashes this text: a field added, renamed or moved would orphan every cached result
        assertEquals("{\"epochs\":1.0,\"steps\":0,\"subset\":0,\"batch_size\":128,\"optimizer\":\"adam\","
                + "\"learning_rate\":0.001,\"warmup_epochs\":0.0,\"schedule\":\"constant\",\"weight_decay\":0.0,"
                + "\"label_smoothing\":0.0,\"augment\":false,\"minival_fraction\":0.1,\"precise_bn_images\":1024}",
                EvalJson.training(TrainingSettings.defaults()).toString());
        assertEquals("{\"base_id\":\"c000003\",\"bracket\":0,\"rung\":0,\"steps\":30,\"from_steps\":0,"
                + "\"checkpoint\":\"c000003@r0\"}", EvalJson.fidelity(Fidelity.start("c000003", 0, 0, 30)).toString());
        // part of every experiment id
        assertEquals("{\"population\":8,\"tournament\":4,\"elites\":2,\"crossover\":0.5,\"mutation\":0.1}",
                EvalJson.fields(EvolutionSettings.defaults()).toString());
    }

    @Test
    void aRungCandidateRoundTripsWithItsFidelityAndBadFidelityIsNamed() {
        Candidate c = Candidate.of("c000003@r2", Architectures.get("effnas-mini"), TrainingSettings.defaults().withSteps(810),
                7, Fidelity.promotion("c000003", 1, 1, 90, 2, 270));
        ObjectNode n = EvalJson.candidate(c);
        assertEquals("c000003@r1", n.get("fidelity").get("resume_from").asText());
        assertEquals(c, EvalJson.candidate(n, "test"));
        ((ObjectNode) n.get("fidelity")).put("from_steps", 300);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvalJson.candidate(n, "j.jsonl line 4"));
        assertTrue(e.getMessage().contains("from_steps"), e.getMessage());
        ((ObjectNode) n.get("fidelity")).remove("checkpoint");
        e = assertThrows(InvalidInputException.class, () -> EvalJson.candidate(n, "j.jsonl line 4"));
        assertTrue(e.getMessage().contains("'checkpoint' is missing"), e.getMessage());
    }

    @Test
    void resultRoundTripsWithNanMetricsAsNull() {
        Provenance p = Provenance.of("dl4j", 3, TrainingSettings.defaults(), "fashion-mnist/minival", "ab12", "0.1+x");
        EvalResult r = new EvalResult("c1", "key", 0.875, Double.NaN, 0.41, 1234, 5678, Double.NaN, 950.5, 12.5,
                "host:1/cpu0", null, p);
        ObjectNode n = EvalJson.result(r);
        assertTrue(n.get("top5").isNull());
        assertEquals(r, EvalJson.result(n, "test"));
        EvalResult cached = r.servedFromCacheFor(CandidateFixtures.candidate("c9"));
        EvalResult cachedBack = EvalJson.result(EvalJson.result(cached), "test");
        assertTrue(cachedBack.provenance().cached());
        EvalResult onGpu = r.withProvenance(p.onDevice("gpu1", "backend=CUDA bn.kernels=x malloc=glibc"));
        EvalResult onGpuBack = EvalJson.result(EvalJson.result(onGpu), "test");
        assertEquals("gpu1", onGpuBack.provenance().device());
        assertEquals("backend=CUDA bn.kernels=x malloc=glibc", onGpuBack.provenance().backend());
        assertEquals("", EvalJson.result(n, "test").provenance().device(), "older lines have no device");
        assertEquals("c9", cachedBack.candidateId());
    }

    @Test
    void trainingWrittenBeforePreciseBnExistedReadsAsWithout() {
        ObjectNode n = EvalJson.training(TrainingSettings.defaults());
        assertEquals(TrainingSettings.DEFAULT_PRECISE_BN_IMAGES, n.get("precise_bn_images").asInt());
        n.remove("precise_bn_images");
        assertEquals(0, EvalJson.training(n, "old journal").preciseBnImages());
        n.put("precise_bn_images", -5);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvalJson.training(n, "x"));
        assertTrue(e.getMessage().contains("precise_bn_images"), e.getMessage());
    }

    @Test
    void anotherEngineAndPrecisionRoundTripAndAreKeptByEveryWither() {
        TrainingSettings nhwc = TrainingSettings.defaults().withEngine(TrainingEngine.ONEDNN_NHWC, Precision.BF16);
        ObjectNode n = EvalJson.training(nhwc);
        assertEquals("onednn-nhwc", n.get("engine").asText());
        assertEquals("bf16", n.get("precision").asText());
        assertEquals(nhwc, EvalJson.training(n, "journal"));
        for (TrainingSettings t : new TrainingSettings[] {nhwc.withEpochs(2), nhwc.withSteps(9), nhwc.withSubset(50),
                nhwc.withBatchSize(16)}) {
            assertEquals(TrainingEngine.ONEDNN_NHWC, t.engine());
            assertEquals(Precision.BF16, t.precision());
        }
        n.put("engine", "tvm");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvalJson.training(n, "x"));
        assertTrue(e.getMessage().contains("field 'engine'") && e.getMessage().contains("dl4j, onednn-nhwc"),
                e.getMessage());
        InvalidInputException bf16 = assertThrows(InvalidInputException.class,
                () -> TrainingSettings.defaults().withEngine(TrainingEngine.DL4J, Precision.BF16));
        assertTrue(bf16.getMessage().startsWith("training.precision: bf16 needs training.engine: onednn-nhwc"),
                bf16.getMessage());
    }

    @Test
    void failedResultRoundTrips() {
        Provenance p = Provenance.of("dl4j", 3, TrainingSettings.defaults(), "d", "", "v");
        EvalResult r = EvalResult.failed(CandidateFixtures.candidate("c2"), "NaN loss", 3, "local-0", p);
        assertEquals(r, EvalJson.result(EvalJson.result(r), "test"));
    }

    @Test
    void garbageIsAnErrorNamingTheSourceAndField() {
        ObjectNode n = EvalJson.result(new EvalResult("c1", "key", 0.5, Double.NaN, Double.NaN, 1, 1, Double.NaN,
                Double.NaN, 1, "w", null, Provenance.of("s", 1, TrainingSettings.defaults(), "d", "", "v")));
        n.put("top1", "high");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvalJson.result(n, "journal.jsonl line 3"));
        assertTrue(e.getMessage().contains("journal.jsonl line 3") && e.getMessage().contains("top1"), e.getMessage());
        n.put("top1", 1.5);
        assertThrows(InvalidInputException.class, () -> EvalJson.result(n, "x"));
        n.remove("provenance");
        n.put("top1", 0.5);
        e = assertThrows(InvalidInputException.class, () -> EvalJson.result(n, "x"));
        assertTrue(e.getMessage().contains("provenance"), e.getMessage());
    }

    @Test
    void editedSpecIsDetectedByItsKey() {
        ObjectNode n = EvalJson.candidate(CandidateFixtures.candidate("c1"));
        n.put("spec_key", "res28 something else");
        assertThrows(InvalidInputException.class, () -> EvalJson.candidate(n, "x"));
    }
}
