package org.effnas.worker.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Runs the optimizer steps of a {@link TrainingPlan} on a network, one mini-batch at a time, so
 * that a diverging run stops at the first non-finite loss and reports it instead of a number.
 * Label smoothing is applied to each batch's one-hot labels: {@code y (1 - e) + e / K}.
 */
public final class Trainer {

    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private Trainer() {
    }

    /**
     * Trains {@code net} for {@code plan.totalSteps()} steps on {@code train}, which is reset at the
     * end of every epoch.
     */
    public static TrainingOutcome train(ComputationGraph net, DataSetIterator train, TrainingPlan plan,
                                        TrainingProgress.Listener progress) {
        return train(net, train, plan, 0, plan.totalSteps(), progress);
    }

    /**
     * Runs steps {@code fromStep .. toStep - 1} (0-based) of the plan: one rung of a multi-fidelity
     * schedule, continuing a run that already did {@code fromStep} steps. {@code train} must be fresh
     * (at its first batch); it is first advanced past the {@code fromStep} batches the earlier steps
     * consumed, by drawing them again (the order and augmentation of an epoch depend only on the seed
     * and the epoch, so this replays the exact stream). The learning rate follows the network's
     * iteration count, which a restored checkpoint carries.
     */
    public static TrainingOutcome train(ComputationGraph net, DataSetIterator train, TrainingPlan plan,
                                        long fromStep, long toStep, TrainingProgress.Listener progress) {
        return train((batch, step) -> {
            net.fit(batch);
            return net.score();
        }, train, plan, fromStep, toStep, progress);
    }

    /**
     * Runs steps {@code fromStep .. toStep - 1} of the plan with {@code engine}, as the other overloads do
     * with a DL4J network; a batch the engine does not accept is drawn and skipped without counting.
     */
    public static TrainingOutcome train(TrainingStep engine, DataSetIterator train, TrainingPlan plan,
                                        long fromStep, long toStep, TrainingProgress.Listener progress) {
        if (fromStep < 0 || toStep <= fromStep || toStep > plan.totalSteps()) {
            throw new IllegalArgumentException("steps " + fromStep + ".." + toStep + " are outside the plan's "
                    + plan.totalSteps());
        }
        double smoothing = plan.settings().labelSmoothing();
        int epoch = 0;
        for (long skipped = 0; skipped < fromStep; ) {
            if (!train.hasNext()) {
                train.reset();
                epoch++;
            }
            if (engine.accepts(train.next())) {
                skipped++;
            }
        }
        long start = System.nanoTime();
        long lastReport = start;
        long images = 0;
        long step = fromStep;
        double loss = Double.NaN;
        int epochsWithoutStep = 0;
        while (step < toStep) {
            if (!train.hasNext()) {
                train.reset();
                epoch++;
                if (++epochsWithoutStep > 1) {
                    throw new IllegalArgumentException("the engine accepts no batch of this training split (an "
                            + "engine of fixed batch size needs at least batch_size training images)");
                }
            }
            DataSet batch = train.next();
            if (!engine.accepts(batch)) {
                continue;
            }
            epochsWithoutStep = 0;
            if (smoothing > 0) {
                INDArray labels = batch.getLabels();
                labels.muli(1 - smoothing).addi(smoothing / labels.size(1));
            }
            loss = engine.fit(batch, step);
            step++;
            images += batch.numExamples();
            if (!Double.isFinite(loss)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new TrainingOutcome(step - fromStep, images, seconds, images / seconds, loss,
                        "diverged: training loss is " + loss + " at step " + step + " of " + plan.totalSteps());
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_INTERVAL_NANOS || step == toStep) {
                double seconds = (now - start) / 1e9;
                double rate = images / seconds;
                double eta = (toStep - step) * (seconds / (step - fromStep));
                progress.update(new TrainingProgress(epoch, step, toStep, loss, rate, eta));
                lastReport = now;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingOutcome(step - fromStep, images, seconds, images / seconds, loss, null);
    }
}
