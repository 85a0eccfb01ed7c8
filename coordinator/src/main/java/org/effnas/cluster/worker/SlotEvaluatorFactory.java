package org.effnas.cluster.worker;

import org.effnas.eval.BlockingEvaluator;

/**
 * Makes the evaluator a worker runs on one device slot: DL4J on {@code gpu1} in production, a
 * surrogate or a synthetic sleeper in tests. Called once per slot when the worker starts working.
 */
@FunctionalInterface
public interface SlotEvaluatorFactory {

    /** @param slot a slot name from {@link DeviceSlots}, e.g. {@code cpu0} or {@code gpu1} */
    BlockingEvaluator create(String slot);
}
