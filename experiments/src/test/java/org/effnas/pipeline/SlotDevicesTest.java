package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.cli.Effnas;
import org.effnas.config.ConfigLoader;
import org.effnas.config.ExperimentConfig;
import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.space.SearchSpace;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.surrogate.SpaceReference;
import org.effnas.worker.device.DeviceBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Devices end to end: the slot factory hands each slot's {@link Device} to the binding, a GPU slot
 * is attached before it trains (observed through a recording binding, so it runs on CPU), and a GPU
 * list on this CPU-only build is refused with exit 2.
 */
class SlotDevicesTest {

    private static final Path FIXTURE = Path.of("..", "worker", "src", "test", "resources", "data",
            "fashion-mnist-mini").toAbsolutePath().normalize();

    private static final String DL4J = "dataset: {name: fashion-mnist, path: " + FIXTURE + ", minival: 0.1}\n"
            + "space: mnasnet-small\nevaluator: dl4j\ntraining: {epochs: 1, subset: 100, batch_size: 50}\nseed: 3\n";

    /** Records every call, in order; the training itself runs on the CPU. */
    static final class RecordingBinding implements DeviceBinding {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void prepare(DeviceList devices) {
            events.add("prepare " + devices.text());
        }

        @Override
        public void attach(Device device) {
            events.add("attach " + device + " on " + Thread.currentThread().getName());
        }

        @Override
        public String backendFacts() {
            return "backend=RECORDED";
        }
    }

    @Test
    void aGpuSlotIsAttachedThroughTheBindingBeforeItTrains() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(DL4J, "gpu.yaml", Path.of("."), "runs/gpu");
        SearchSpace space = SpaceSetup.of(c);
        RecordingBinding binding = new RecordingBinding();
        BlockingEvaluator slot = EvaluatorSetup.slotFactory(c, space, DeviceList.parse("gpu:1"), binding,
                SimulatedDuration.none(), EvaluatorSetup.Checkpoints.of(c))
                .create(Device.gpu(1));
        assertEquals(List.of("prepare gpu:1"), binding.events, "prepared once, before any slot trains");
        Candidate candidate = Candidate.of("c0", SpaceReference.of(space),
                c.training().settings(c.dataset().minival()), 3);
        EvalResult[] result = new EvalResult[1];
        Thread t = new Thread(() -> result[0] = slot.evaluate(candidate, "w/gpu1"), "slot-gpu1");
        t.start();
        t.join();
        assertEquals(List.of("prepare gpu:1", "attach gpu1 on slot-gpu1"), binding.events);
        assertTrue(result[0].ok(), String.valueOf(result[0]));
        assertEquals("dl4j", result[0].provenance().evaluator());
        assertEquals("gpu1", result[0].provenance().device());
        assertEquals("backend=RECORDED", result[0].provenance().backend());
    }

    @Test
    void theNhwcEngineTrainsInACpuSlotAndNamesItselfBeforeTheSlotsBackend() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(DL4J.replace("batch_size: 50}", "batch_size: 50, engine: onednn-nhwc}"),
                "nhwc.yaml", Path.of("."), "runs/nhwc");
        SearchSpace space = SpaceSetup.of(c);
        BlockingEvaluator slot = EvaluatorSetup.slotFactory(c, space, DeviceList.cpu(1), new RecordingBinding(),
                SimulatedDuration.none(), EvaluatorSetup.Checkpoints.of(c)).create(Device.cpu(0));
        EvalResult r = slot.evaluate(Candidate.of("c0", SpaceReference.of(space),
                c.training().settings(c.dataset().minival()), 3), "w/cpu0");
        assertTrue(r.ok(), String.valueOf(r));
        assertEquals("onednn-nhwc", r.provenance().evaluator());
        assertTrue(r.provenance().backend().startsWith("engine=onednn-nhwc precision=f32")
                && r.provenance().backend().endsWith(" backend=RECORDED"), r.provenance().backend());
    }

    @Test
    void theNhwcEngineOnAGpuSlotIsRefused() throws Exception {
        ExperimentConfig c = ConfigLoader.parse(DL4J.replace("batch_size: 50}", "batch_size: 50, engine: onednn-nhwc}"),
                "nhwc.yaml", Path.of("."), "runs/nhwc");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvaluatorSetup.slotFactory(c,
                SpaceSetup.of(c), DeviceList.parse("gpu:1"), new RecordingBinding(), SimulatedDuration.none(),
                EvaluatorSetup.Checkpoints.of(c)));
        assertTrue(e.getMessage().startsWith("training.engine: onednn-nhwc trains on CPUs only"), e.getMessage());
    }

    @Test
    void aGpuListOnTheCpuOnlyBuildIsExitCode2WithTheCudaHint(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("dl4j.yaml");
        Files.writeString(config, DL4J);
        org.effnas.cluster.trust.ClusterCredentials c = org.effnas.cluster.trust.ClusterCredentials.loadOrCreate(tmp);
        StringWriter err = new StringWriter();
        CommandLine cl = Effnas.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("worker", "--join", "127.0.0.1:1", "--cluster", c.clusterName(), "--secret-file",
                tmp.resolve("cluster.secret").toString(), "--config",
                config.toString(), "--devices", "gpu:0", "--reconnect-timeout", "1");
        assertEquals(2, code, err.toString());
        assertEquals(1, err.toString().lines().count(), "one line: " + err);
        assertTrue(err.toString().contains("CPU-only build") && err.toString().contains("-Pcuda"), err.toString());
    }
}
