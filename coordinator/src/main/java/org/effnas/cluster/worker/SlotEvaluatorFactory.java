package org.effnas.cluster.worker;

import java.util.Map;
import org.effnas.device.Device;
import org.effnas.eval.BlockingEvaluator;

/**
 * Makes the evaluator a worker runs on one device slot: DL4J attached to {@code gpu1} in production,
 * a surrogate or a synthetic sleeper in tests. Called once per slot when the worker starts working.
 */
@FunctionalInterface
public interface SlotEvaluatorFactory {

    /** @param device the slot's device, one of the worker's {@code --devices} */
    BlockingEvaluator create(Device device);

    /**
     * Facts about what the evaluators read that belong in the recipe fingerprint, e.g. the data split
     * and its checksum ({@code data.split}, {@code data.checksum}); none by default.
     */
    default Map<String, String> recipeFacts() {
        return Map.of();
    }
}
