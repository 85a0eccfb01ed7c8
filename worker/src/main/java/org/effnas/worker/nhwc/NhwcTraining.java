package org.effnas.worker.nhwc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingSettings;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.train.Trainer;
import org.effnas.worker.train.TrainingOutcome;
import org.effnas.worker.train.TrainingPlan;
import org.effnas.worker.train.TrainingProgress;
import org.effnas.worker.train.TrainingStep;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A recipe's {@code training.engine: onednn-nhwc}: trains a spec with the NHWC engine through the same
 * {@link Trainer} loop, plan and data stream the DL4J engine uses (optimizer, L2 weight decay, warm-up and
 * decay schedule, label smoothing, divergence stop, progress), starting from the initial weights of the spec's
 * DL4J graph and copying the trained state back there ({@link GraphWeights}), where everything after training
 * happens. So one seed starts one network on either engine: DL4J's initialisation (He-normal over DL4J's
 * fan-in, Xavier for the classifier) is the one effnas has always searched with.
 *
 * <p>Decided here: the engine is built for the recipe's batch size, so an epoch's short last batch is
 * skipped (TensorFlow's {@code drop_remainder}) and every step is a full batch; bf16 on a CPU whose oneDNN
 * cannot run it trains in f32 instead, with one line (once per process) that says so.
 */
public final class NhwcTraining {

    /**
     * What training did and what it ran on.
     *
     * @param facts engine, precision, oneDNN version and ISA, as {@code key=value} pairs for the provenance
     */
    public record Result(TrainingOutcome outcome, String facts) {
    }

    private static final AtomicBoolean WARNED_BF16 = new AtomicBoolean();

    private NhwcTraining() {
    }

    /**
     * Runs the whole plan on {@code train} (fresh, at its first batch) from the weights {@code into} holds, the
     * DL4J graph of {@code spec} as built for this seed, and writes the result into it; on divergence,
     * {@code into} is left as it was.
     *
     * @param warn receives the one line of a precision fallback
     */
    public static Result train(ArchSpec spec, TrainingSettings settings, TrainingPlan plan, long seed,
                               DataSetIterator train, ComputationGraph into, TrainingProgress.Listener progress,
                               Consumer<String> warn) {
        Precision precision = settings.precision();
        String fallback = "";
        if (precision == Precision.BF16 && !NhwcNetwork.supports(Precision.BF16)) {
            precision = Precision.F32;
            fallback = " requested=bf16";
            if (WARNED_BF16.compareAndSet(false, true)) {
                warn.accept("training.precision: bf16 is not supported by oneDNN " + NhwcNetwork.oneDnnVersion()
                        + " on this CPU; the NHWC engine trains in f32");
            }
        }
        try (NhwcNetwork net = NhwcNetwork.of(spec, settings.batchSize(), precision, seed, settings.learningRate(),
                NhwcUpdate.of(settings.optimizer(), settings.weightDecay()))) {
            GraphWeights.load(into, net);
            TrainingOutcome outcome = Trainer.train(new TrainingStep() {
                @Override
                public double fit(DataSet batch, long step) {
                    net.setLearningRate(plan.schedule().at(step));
                    return net.fit(batch);
                }

                @Override
                public boolean accepts(DataSet batch) {
                    return batch.numExamples() == net.batch();
                }
            }, train, plan, 0, plan.totalSteps(), progress);
            if (outcome.ok()) {
                GraphWeights.copy(net, into);
            }
            return new Result(outcome, net.describe() + fallback);
        }
    }
}
