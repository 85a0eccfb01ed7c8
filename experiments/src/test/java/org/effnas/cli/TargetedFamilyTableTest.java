package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.effnas.eval.EvalJson;
import org.junit.jupiter.api.Test;

class TargetedFamilyTableTest {

    @Test
    void parsesSuffixedTargets() {
        assertEquals(List.of(50_000_000L, 1_500_000_000L, 400_000L, 7L), TargetedFamilyTable.parseTargets("50M, 1.5G,400k,7"));
    }

    @Test
    void familyPrintsOneMemberPerTargetNeverAboveIt() throws Exception {
        InspectCommandTest.Run r = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15",
                "--target-macs", "50M,100M,400M", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode members = EvalJson.MAPPER.readTree(r.out()).path("members");
        assertEquals(3, members.size());
        for (JsonNode m : members) {
            assertTrue(m.path("macs").asLong() <= m.path("target_macs").asLong(), m.toString());
            assertTrue(m.path("next_step_macs").asLong() > m.path("target_macs").asLong(), m.toString());
        }
        assertTrue(members.get(0).path("phi").asDouble() < 0, "50M is below B0: phi < 0");
        InspectCommandTest.Run table = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15",
                "--target-macs", "100M");
        assertTrue(table.out().contains("100M") && table.out().contains("ach/tgt"), table.out());
    }

    @Test
    void badTargetIsExitTwoNamingTheOption() {
        InspectCommandTest.Run r = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15",
                "--target-macs", "lots");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--target-macs"), r.err());
        InspectCommandTest.Run tiny = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15",
                "--target-macs", "1k");
        assertEquals(2, tiny.exitCode());
        assertTrue(tiny.err().contains("below the smallest member"), tiny.err());
    }

    /**
     * A generous latency target on a tiny base: the member measures at or below the target, and the
     * next rounding step above it measures above the target, or the member is the phi cap itself.
     */
    @Test
    void latencyTargetPicksTheLastMeasuredStepAtOrBelowIt() throws Exception {
        InspectCommandTest.Run r = run("family", "--base", "effnas-mini", "--alpha", "1.2", "--beta", "1.1", "--gamma",
                "1.15", "--target-latency-ms", "3", "--engine", "onnxruntime", "--threads", "1", "--runs", "5",
                "--phi-cap", "2", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = EvalJson.MAPPER.readTree(r.out());
        assertEquals("onnxruntime", root.path("engine").asText());
        JsonNode m = root.path("members").get(0);
        double ms = m.path("latency_ms").asDouble();
        assertTrue(ms > 0 && ms <= 3, m.toString());
        assertTrue(m.path("latency_p10_ms").asDouble() <= ms && ms <= m.path("latency_p90_ms").asDouble(), m.toString());
        if (m.path("at_phi_cap").asBoolean()) {
            assertEquals(2.0, m.path("phi").asDouble(), 1e-12, m.toString());
        } else {
            assertTrue(m.path("next_step_latency_ms").asDouble() > 3, m.toString());
            assertTrue(m.path("phi").asDouble() < 2, m.toString());
        }
        assertTrue(m.path("latency_facts").asText().startsWith("engine=onnxruntime threads=1 batch=1 runs=5 "),
                m.toString());
    }

    @Test
    void badLatencyTargetsAreExitTwoNamingTheOption() {
        for (String bad : List.of("fast", "5,,10", "-1", "0")) {
            InspectCommandTest.Run r = run("family", "--base", "effnas-mini", "--alpha", "1.2", "--beta", "1.1",
                    "--gamma", "1.15", "--target-latency-ms", bad);
            assertEquals(2, r.exitCode(), bad + ": " + r.err());
            assertTrue(r.err().contains("--target-latency-ms"), r.err());
        }
        InspectCommandTest.Run both = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15",
                "--target-macs", "50M", "--target-latency-ms", "5");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give one of them"), both.err());
    }
}
