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
        double smoothing = plan.settings().labelSmoothing();
        long start = System.nanoTime();
        long lastReport = start;
        long images = 0;
        long step = 0;
        int epoch = 0;
        double loss = Double.NaN;
        while (step < plan.totalSteps()) {
            if (!train.hasNext()) {
                train.reset();
                epoch++;
            }
            DataSet batch = train.next();
            if (smoothing > 0) {
                INDArray labels = batch.getLabels();
                labels.muli(1 - smoothing).addi(smoothing / labels.size(1));
            }
            net.fit(batch);
            loss = net.score();
            step++;
            images += batch.numExamples();
            if (!Double.isFinite(loss)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new TrainingOutcome(step, images, seconds, images / seconds, loss,
                        "diverged: training loss is " + loss + " at step " + step + " of " + plan.totalSteps());
            }
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_INTERVAL_NANOS || step == plan.totalSteps()) {
                double seconds = (now - start) / 1e9;
                double rate = images / seconds;
                double eta = (plan.totalSteps() - step) * (seconds / step);
                progress.update(new TrainingProgress(epoch, step, plan.totalSteps(), loss, rate, eta));
                lastReport = now;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingOutcome(step, images, seconds, images / seconds, loss, null);
    }
}
