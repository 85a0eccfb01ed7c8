package org.effnas.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.cluster.config.ClusterSettings;
import org.effnas.cluster.config.HazelcastConfigs;
import org.effnas.cluster.config.HostPort;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.cluster.trust.ClusterSecret;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every wire type survives a trip through a real member; specs travel as text; Java serialization is refused. */
class WireFormatTest {

    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        member = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(
                ClusterSettings.of("effnas-wiretest", "synthetic").withBind(HostPort.of("127.0.0.1", 0))));
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    static Stream<ArchSpec> specs() {
        List<ArchSpec> all = new ArrayList<>(TestCandidates.all());
        for (String name : Architectures.names()) {
            all.add(Architectures.get(name));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everySpecTravelsAsItsCanonicalText(ArchSpec spec) {
        String text = SpecText.format(spec);
        assertEquals(spec, SpecText.parse(text));
        assertEquals(text, SpecText.format(SpecText.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "res224", "res224 in3 cls1000 stem:k3_s2_o32 blocks:r1_k3_s11_e1_i32_o16 head:o1280 act:tanh dropout:0.2 drop_connect:0.2",
            "res224 in3 cls1000 stem:k3_s2_o32 blocks:r1_k3_s11_e1_i99_o16 head:o1280 act:swish dropout:0.2 drop_connect:0.2",
            "resX in3 cls1000 stem:k3_s2_o32 blocks:r1_k3_s11_e1_i32_o16 head:o1280 act:swish dropout:0.2 drop_connect:0.2",
            "in3 res224 cls1000 stem:k3_s2_o32 blocks:r1_k3_s11_e1_i32_o16 head:o1280 act:swish dropout:0.2 drop_connect:0.2"})
    void garbageSpecTextIsBadInput(String text) {
        assertThrows(InvalidInputException.class, () -> SpecText.parse(text));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void tasksAndResultsRoundTripThroughTheCluster(ArchSpec spec) {
        Candidate c = Candidate.of("c1", spec, TrainingSettings.defaults().withEpochs(0.5), 99);
        TaskMessage task = TaskMessage.of("run-1", c, 2);
        Provenance p = new Provenance("dl4j", 99, c.training(), "fashion-mnist/minival", "abc", "0.1+x")
                .onDevice("gpu0", "backend=CUDA onednn=false malloc=tcmalloc");
        EvalResult r = new EvalResult("c1", c.specKey(), 0.8, Double.NaN, 0.4, 5, 6, Double.NaN, 12.5, 3.0, "h:1/gpu0",
                null, p);
        ResultMessage answer = ResultMessage.of(task, "h:1/gpu0", 10, 20, r);
        IMap<String, Object> map = member.getMap("roundtrip");
        map.set("task", task);
        map.set("result", answer);
        TaskMessage back = (TaskMessage) map.get("task");
        assertEquals(task, back);
        assertEquals(c, back.candidate());
        assertEquals(answer.toString(), map.get("result").toString());
    }

    @Test
    void aRecipesEngineAndPrecisionCrossTheCluster() {
        Candidate c = Candidate.of("c9", specs().findFirst().orElseThrow(), TrainingSettings.defaults()
                .withEngine(org.effnas.eval.TrainingEngine.ONEDNN_NHWC, org.effnas.eval.Precision.BF16), 5);
        TaskMessage task = TaskMessage.of("run-3", c, 1);
        IMap<String, Object> map = member.getMap("roundtrip-engine");
        map.set("task", task);
        assertEquals(c.training(), ((TaskMessage) map.get("task")).candidate().training());
    }

    @Test
    void aRungTaskKeepsItsFidelityAcrossTheCluster() {
        Candidate c = Candidate.of("c7@r1", specs().findFirst().orElseThrow(), TrainingSettings.defaults().withSteps(810),
                5, org.effnas.eval.Fidelity.promotion("c7", 0, 0, 30, 1, 90));
        TaskMessage task = TaskMessage.of("run-2", c, 1);
        IMap<String, Object> map = member.getMap("roundtrip-rung");
        map.set("task", task);
        TaskMessage back = (TaskMessage) map.get("task");
        assertEquals(task, back);
        assertEquals(c, back.candidate());
        assertEquals("c7@r0", back.candidate().fidelity().resumeFrom());
    }

    @Test
    void controlRecordsRoundTrip() {
        IMap<String, Object> map = member.getMap("control-roundtrip");
        WorkerHeartbeat hb = new WorkerHeartbeat("h:1", "uuid", "h", 1, "gpu:0,1", 2, "dl4j", List.of("a-1", "a-2"),
                7, false, "digest", "").signedWith(SECRET);
        ExperimentStatus status = new ExperimentStatus("effnas-x", "abcd", true, "dl4j", 500, 3000,
                List.of("a=1", "b=2"), "").signedWith(SECRET);
        map.set("hb", hb);
        map.set("status", status);
        assertEquals(hb, map.get("hb"));
        assertEquals(status, map.get("status"));
        assertTrue(((WorkerHeartbeat) map.get("hb")).verifiedBy(SECRET));
        assertTrue(((ExperimentStatus) map.get("status")).verifiedBy(SECRET));
    }

    private static final ClusterSecret SECRET = ClusterSecret.generate();

    @Test
    void signaturesCoverEveryFieldAndOnlyTheKeyMakesThem() {
        ExperimentStatus running = new ExperimentStatus("effnas-x", "abcd", false, "dl4j", 500, 3000, List.of(), "")
                .signedWith(SECRET);
        ExperimentStatus forgedFinish = new ExperimentStatus("effnas-x", "abcd", true, "dl4j", 500, 3000, List.of(),
                running.signature());
        assertTrue(running.verifiedBy(SECRET));
        assertFalse(forgedFinish.verifiedBy(SECRET), "finished=true under the running status's signature");
        assertFalse(running.verifiedBy(ClusterSecret.generate()), "another experiment's key");
        assertFalse(running.asFinished().verifiedBy(SECRET), "unsigned");
        assertFalse(new ExperimentStatus("effnas-x", "abcd", false, "dl4j", 500, 3000, List.of(), "zz")
                .verifiedBy(SECRET), "garbage signature");
    }

    /** A Serializable payload is written but never read back: Java deserialization of our classes is banned. */
    record Gadget(String value) implements Serializable {
    }

    @Test
    void javaDeserializationOfOurClassesIsRefused() {
        IMap<String, Object> map = member.getMap("java-serialization");
        map.set("gadget", new Gadget("x"));
        HazelcastSerializationException e = assertThrows(HazelcastSerializationException.class, () -> map.get("gadget"));
        assertTrue(String.valueOf(e.getMessage()).contains("not allowed")
                || String.valueOf(e.getCause()).contains("not allowed"), String.valueOf(e));
    }
}
