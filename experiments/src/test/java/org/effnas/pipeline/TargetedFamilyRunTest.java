package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.cli.Effnas;
import org.effnas.report.FamilyPoint;
import org.effnas.report.ResultTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code family: {target_macs: [...]}}: the family phase trains one member per budget, never above it. */
class TargetedFamilyRunTest {

    @TempDir
    Path dir;

    @Test
    void theFamilyIsTheTargetedMembers() throws Exception {
        Path config = dir.resolve("t.yaml");
        Files.writeString(config, "dataset: fashion-mnist\nspace: mnasnet-small\nreward: {target_macs: 10M}\n"
                + "strategy: {budget: {evaluations: 6}}\nevaluator: surrogate\ngrid: {max_triples: 3}\n"
                + "family: {target_macs: [3M, 20M, 40M]}\nseed: 3\n");
        Path out = dir.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Effnas.commandLine().setOut(new PrintWriter(new ByteArrayOutputStream(), true))
                .setErr(new PrintWriter(err, true)).execute("run", "--config", config.toString(), "--no-cache",
                        "--out", out.toString());
        assertEquals(0, code, err.toString());
        List<FamilyPoint> family = ResultTables.readFamily(out).stream().filter(p -> p.name().startsWith("T")).toList();
        assertEquals(List.of("T3M", "T20M", "T40M"), family.stream().map(FamilyPoint::name).toList());
        long[] targets = {3_000_000L, 20_000_000L, 40_000_000L};
        for (int i = 0; i < targets.length; i++) {
            FamilyPoint p = family.get(i);
            assertTrue(p.m().ok() && p.m().macs() <= targets[i] && p.m().macs() > targets[i] * 0.5, p.toString());
            assertTrue(Files.isRegularFile(out.resolve("family").resolve(p.name() + ".yaml")));
        }
        assertTrue(family.get(0).phi() < 0 && family.get(2).phi() > family.get(1).phi(), family.toString());
        assertTrue(ResultTables.readFamily(out).stream().noneMatch(p -> p.name().startsWith("B")),
                "no phi-range members beside the targets");
    }

    /** A measured latency target: the member solved by ONNX Runtime's timing of random-weight members. */
    @Test
    void aLatencyTargetIsSolvedByMeasurement() throws Exception {
        Path config = dir.resolve("l.yaml");
        Files.writeString(config, "dataset: fashion-mnist\nspace: mnasnet-small\nreward: {target_macs: 10M}\n"
                + "strategy: {budget: {evaluations: 4}}\nevaluator: surrogate\ngrid: {max_triples: 2}\n"
                + "family: {target_latency_ms: [1], single_dimension: false}\n"
                + "latency: {engine: onnxruntime, runs: 3, warmup: 1}\nseed: 3\n");
        Path out = dir.resolve("lat");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Effnas.commandLine().setOut(new PrintWriter(new ByteArrayOutputStream(), true))
                .setErr(new PrintWriter(err, true)).execute("run", "--config", config.toString(), "--no-cache",
                        "--out", out.toString());
        assertEquals(0, code, err.toString());
        List<FamilyPoint> family = ResultTables.readFamily(out);
        assertEquals(List.of("T1ms"), family.stream().map(FamilyPoint::name).toList());
        FamilyPoint p = family.get(0);
        // 1 ms is near a 28 px base's own latency: the bracket stays among small networks
        assertTrue(p.m().ok() && p.phi() > -30 && p.phi() < 8, p.toString());
    }
}
