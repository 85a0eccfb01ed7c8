package org.effnas.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.Test;

class BoundEvaluatorTest {

    /** Records what was attached, and on which thread. */
    static final class RecordingBinding implements DeviceBinding {
        final List<String> events = new ArrayList<>();

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
            return "backend=TEST threads=1";
        }
    }

    @Test
    void theSlotThreadIsAttachedToItsGpuBeforeTheEvaluationAndProvenanceNamesIt() throws Exception {
        RecordingBinding binding = new RecordingBinding();
        Candidate c = Candidate.of("c1", Architectures.efficientNetB0(), TrainingSettings.defaults(), 3);
        BoundEvaluator bound = BoundEvaluator.of((cand, worker) -> {
            binding.events.add("train " + cand.id() + " on " + Thread.currentThread().getName());
            return EvalResult.failed(cand, "not trained in this test", 0, worker,
                    Provenance.of("test", cand.seed(), cand.training(), "d", "", "v"));
        }, Device.gpu(1), binding);
        Thread slot = new Thread(() -> bound.evaluate(c, "w/gpu1"), "slot-gpu1");
        slot.start();
        slot.join();
        assertEquals(List.of("attach gpu1 on slot-gpu1", "train c1 on slot-gpu1"), binding.events);
        EvalResult r = bound.evaluate(c, "w/gpu1");
        assertEquals("gpu1", r.provenance().device());
        assertEquals("backend=TEST threads=1", r.provenance().backend());
    }
}
