package org.effnas.worker.device;

import org.effnas.device.Device;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;

/**
 * One slot's evaluator tied to its device: attaches the calling thread to the device before every
 * evaluation and names the device and the backend facts in the result's provenance.
 */
public final class BoundEvaluator implements BlockingEvaluator {

    private final BlockingEvaluator inner;
    private final Device device;
    private final DeviceBinding binding;

    private BoundEvaluator(BlockingEvaluator inner, Device device, DeviceBinding binding) {
        this.inner = inner;
        this.device = device;
        this.binding = binding;
    }

    public static BoundEvaluator of(BlockingEvaluator inner, Device device, DeviceBinding binding) {
        return new BoundEvaluator(java.util.Objects.requireNonNull(inner, "inner"),
                java.util.Objects.requireNonNull(device, "device"), java.util.Objects.requireNonNull(binding, "binding"));
    }

    @Override
    public EvalResult evaluate(Candidate candidate, String workerId) {
        binding.attach(device);
        EvalResult r = inner.evaluate(candidate, workerId);
        if (r == null || r.provenance() == null) {
            return r;
        }
        // the evaluator's own facts (the NHWC engine's) come first, the slot's native backend after them
        String own = r.provenance().backend();
        String facts = own.isEmpty() ? binding.backendFacts() : own + " " + binding.backendFacts();
        return r.withProvenance(r.provenance().onDevice(device.toString(), facts.strip()));
    }

    public Device device() {
        return device;
    }
}
