package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.effnas.config.ConfigLoader;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.config.ExperimentConfig;
import org.effnas.device.DeviceList;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.experiment.ExperimentEvaluator;
import org.effnas.reference.Architectures;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.worker.device.Nd4jDeviceBinding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluator: command} wired through slotFactory into an embedded cluster, retries included. */
class CommandSlotsTest {

    @TempDir
    Path dir;

    @Test
    void gpuSlotsNameTheirOrdinalAndCpuSlotsNone() {
        assertEquals(OptionalInt.of(0), CommandSlots.gpuOrdinal("gpu0"));
        assertEquals(OptionalInt.of(3), CommandSlots.gpuOrdinal("gpu3"));
        assertEquals(OptionalInt.empty(), CommandSlots.gpuOrdinal("cpu0"));
        assertEquals(OptionalInt.empty(), CommandSlots.gpuOrdinal("cpu7"));
    }

    @Test
    void aFailingCommandIsRetriedUnderMaxAttemptsThenRecordedFailed() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "no Fashion-MNIST");
        Path script = dir.resolve("trainer.sh");
        Files.writeString(script, "#!/bin/sh\necho \"no GPU for you ($CUDA_VISIBLE_DEVICES)\" >&2\nexit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ExperimentConfig c = ConfigLoader.parse("""
                dataset: {name: fashion-mnist, minival: 0.02}
                training: {subset: 600}
                evaluator: {kind: command, command: [./trainer.sh, '{request}', '{result}'], timeout: 1m}
                cluster: {mode: embedded, embedded_workers: 1, max_attempts: 2}
                """, "test.yaml", dir, dir.resolve("out").toString());
        Candidate candidate = Candidate.of("c000001", Architectures.get("effnas-mini"),
                c.training().settings(c.dataset().minival()), 1);
        SlotEvaluatorFactory slots = EvaluatorSetup.slotFactory(c, SpaceSetup.of(c), DeviceList.cpu(1),
                new Nd4jDeviceBinding(), SimulatedDuration.none(), null);
        try (ExperimentEvaluator setup = EvaluatorSetup.start(c, slots, "t1", line -> { }, null, "test")) {
            EvalResult r = setup.evaluator().submit(candidate).get(2, TimeUnit.MINUTES);
            assertFalse(r.ok());
            assertTrue(r.failure().contains("command exited with status 3"), r.failure());
            assertTrue(r.failure().contains("no GPU for you ()"), r.failure());
        }
        Path evaluations = dir.resolve("out/evaluations/c000001");
        assertTrue(Files.isRegularFile(evaluations.resolve("attempt-1/log.txt")));
        assertTrue(Files.isRegularFile(evaluations.resolve("attempt-2/log.txt")), "the second attempt ran");
        assertFalse(Files.exists(evaluations.resolve("attempt-3")), "max_attempts is 2");
    }
}
