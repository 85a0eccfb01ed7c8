package org.effnas.worker.train;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.data.Augmentation;
import org.effnas.data.InMemoryImageIterator;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingEngine;
import org.effnas.spec.ArchSpec;
import org.effnas.version.CodeVersion;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.batchnorm.PreciseBatchNorm;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.graph.TrainableParams;
import org.effnas.worker.nhwc.NhwcTraining;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a candidate on real data and measures it: the reward evaluator of a search and the engine of
 * {@code effnas train}. The recipe's {@code training.engine} trains it, DL4J or the NHWC engine
 * ({@link NhwcTraining}, whose weights land in the same DL4J graph); the measuring is DL4J's either way. One instance per device; the {@link SplitDataset} (and its
 * float cache) may be shared by several. Weight init and the training data order both follow the
 * candidate's seed.
 *
 * <p>A candidate with a rung ({@link Fidelity}) trains steps {@code fromSteps .. steps} of one run of
 * {@code training.steps} steps: from scratch, or continuing the checkpoint of its previous rung
 * (weights, updater state, schedule position, random-generator state, data order), and writes its own
 * checkpoint to the {@link CheckpointStore} given by {@link #withCheckpoints}. Precise BN and the
 * evaluation then run on a copy, so the checkpoint is exactly the state the next rung continues.
 */
public final class Dl4jEvaluator implements BlockingEvaluator {

    /** Batch size of evaluation passes (any size gives the same metrics). */
    public static final int EVAL_BATCH = 256;

    private final SplitDataset data;
    private final Options options;
    private final CheckpointStore checkpoints;

    /**
     * How results are measured.
     *
     * @param split    MINIVAL for rewards, TEST for a final report
     * @param latency  measures inference latency after training with the chosen engine (batch 1, and
     *                 the configured batch for throughput); null measures none
     * @param progress receives training progress
     */
    public record Options(SplitName split, LatencyProbe latency, TrainingProgress.Listener progress) {
        public Options {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(progress, "progress");
            if (split == SplitName.TRAIN) {
                throw new IllegalArgumentException("a result is never measured on the training split");
            }
        }

        /** {@code measureSpeed}: DL4J's own latency at batch 1 and throughput at batch 64, ND4J's threads. */
        public Options(SplitName split, boolean measureSpeed, TrainingProgress.Listener progress) {
            this(split, measureSpeed ? InferenceSpeed.dl4j(new LatencySettings(0, 64, 10, 30)) : null, progress);
        }

        /** Whether latency is measured. */
        public boolean measureSpeed() {
            return latency != null;
        }

        /** Rewards: minival, no speed measurement, silent. */
        public static Options reward() {
            return new Options(SplitName.MINIVAL, (LatencyProbe) null, TrainingProgress.Listener.none());
        }
    }

    public Dl4jEvaluator(SplitDataset data, Options options) {
        this(data, options, null);
    }

    private Dl4jEvaluator(SplitDataset data, Options options, CheckpointStore checkpoints) {
        NativeBackend.prepare();
        this.data = Objects.requireNonNull(data, "data");
        this.options = Objects.requireNonNull(options, "options");
        this.checkpoints = checkpoints;
    }

    /** The same evaluator, reading and writing the checkpoints of rung evaluations in {@code store}. */
    public Dl4jEvaluator withCheckpoints(CheckpointStore store) {
        return new Dl4jEvaluator(data, options, Objects.requireNonNull(store, "store"));
    }

    @Override
    public EvalResult evaluate(Candidate candidate, String workerId) {
        return run(candidate, workerId).result();
    }

    /** Trains and measures {@code candidate}, keeping the network and the detailed figures. */
    public Dl4jRun run(Candidate candidate, String workerId) {
        long start = System.nanoTime();
        ArchSpec spec = candidate.spec();
        boolean nhwc = candidate.training().engine() == TrainingEngine.ONEDNN_NHWC;
        Provenance provenance = Provenance.of(candidate.training().engine().text(), candidate.seed(),
                candidate.training(),
                data.describe(options.split()), data.checksum(options.split()), CodeVersion.current());
        String mismatch = mismatch(spec);
        if (mismatch != null) {
            return new Dl4jRun(EvalResult.failed(candidate, mismatch, seconds(start), workerId, provenance),
                    null, null, null, null);
        }
        if (candidate.fidelity() != null) {
            if (nhwc) {
                return new Dl4jRun(EvalResult.failed(candidate, "training.engine: onednn-nhwc keeps no checkpoints, "
                        + "so it cannot train rung " + candidate.fidelity().rung() + "; use training.engine: dl4j",
                        seconds(start), workerId, provenance), null, null, null, null);
            }
            return runRung(candidate, workerId, provenance, start);
        }
        ComputationGraph net = null;
        TrainingOutcome outcome = null;
        try {
            InMemoryImageIterator train = data.trainIterator(spec.resolution(), candidate.training().batchSize(),
                    Augmentation.forTraining(data.source().kind(), candidate.training().augment()), candidate.seed());
            TrainingPlan plan = TrainingPlan.of(candidate.training(), train.numExamples());
            net = GraphTranslator.build(spec, GraphOptions.of(candidate.seed(), plan.updater(),
                    candidate.training().weightDecay()));
            if (nhwc) {
                NhwcTraining.Result trained = NhwcTraining.train(spec, candidate.training(), plan, candidate.seed(),
                        train, net, options.progress(), System.err::println);
                outcome = trained.outcome();
                provenance = provenance.onDevice("", trained.facts());
            } else {
                outcome = Trainer.train(net, train, plan, options.progress());
            }
            if (!outcome.ok()) {
                return new Dl4jRun(EvalResult.failed(candidate, outcome.failure(), seconds(start), workerId, provenance),
                        net, outcome, null, null);
            }
            // statistics of the final weights, not the trailing running averages (see PreciseBatchNorm)
            PreciseBatchNorm.recompute(net, data.evalIterator(SplitName.TRAIN, spec.resolution(), EVAL_BATCH),
                    candidate.training().preciseBnImages());
            Accuracy accuracy = Accuracy.of(net, data.evalIterator(options.split(), spec.resolution(), EVAL_BATCH));
            InferenceSpeed speed = options.measureSpeed()
                    ? options.latency().measure(net, spec.inChannels(), spec.resolution()) : null;
            Cost cost = CostModel.of(spec);
            EvalResult result = new EvalResult(candidate.id(), candidate.specKey(), accuracy.top1(), accuracy.top5(),
                    accuracy.loss(), TrainableParams.trainableParams(net), cost.macs(),
                    speed == null ? Double.NaN : speed.latencyMs(), outcome.imagesPerSecond(), seconds(start),
                    workerId, null, speed == null ? provenance : provenance.withLatency(speed.facts()));
            return new Dl4jRun(result, net, outcome, accuracy, speed);
        } catch (OutOfMemoryError | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Dl4jRun(EvalResult.failed(candidate, reason, seconds(start), workerId, provenance),
                    net, outcome, null, null);
        }
    }

    /** One rung of a multi-fidelity schedule: continue (or start) the run, checkpoint it, measure a copy. */
    private Dl4jRun runRung(Candidate candidate, String workerId, Provenance provenance, long start) {
        Fidelity f = candidate.fidelity();
        ArchSpec spec = candidate.spec();
        if (checkpoints == null) {
            return new Dl4jRun(EvalResult.failed(candidate, "rung " + f.rung() + " needs a checkpoint store, and "
                    + "this evaluator has none", seconds(start), workerId, provenance), null, null, null, null);
        }
        ComputationGraph net = null;
        TrainingOutcome outcome = null;
        try {
            InMemoryImageIterator train = data.trainIterator(spec.resolution(), candidate.training().batchSize(),
                    Augmentation.forTraining(data.source().kind(), candidate.training().augment()), candidate.seed());
            TrainingPlan plan = TrainingPlan.of(candidate.training(), train.numExamples());
            if (f.steps() > plan.totalSteps()) {
                throw new IllegalArgumentException("rung " + f.rung() + " ends at step " + f.steps()
                        + ", beyond the run's " + plan.totalSteps());
            }
            if (f.startsFresh()) {
                net = GraphTranslator.build(spec, GraphOptions.of(candidate.seed(), plan.updater(),
                        candidate.training().weightDecay()));
                Nd4j.getRandom().setSeed(candidate.seed());
            } else {
                TrainingCheckpoint from = checkpoints.load(f.resumeFrom());
                if (!from.specKey().equals(candidate.specKey()) || from.seed() != candidate.seed()
                        || from.steps() != f.fromSteps()) {
                    throw new IllegalStateException("checkpoint " + f.resumeFrom() + " holds " + from.specKey()
                            + " seed " + from.seed() + " at step " + from.steps() + ", not this candidate at step "
                            + f.fromSteps());
                }
                net = from.network();
                Nd4j.getRandom().setStates(from.rootState(), from.nodeState());
            }
            outcome = Trainer.train(net, train, plan, f.fromSteps(), f.steps(), options.progress());
            if (!outcome.ok()) {
                return new Dl4jRun(EvalResult.failed(candidate, outcome.failure(), seconds(start), workerId, provenance),
                        net, outcome, null, null);
            }
            checkpoints.save(new TrainingCheckpoint(f.checkpoint(), candidate.specKey(), candidate.seed(), f.steps(),
                    Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState(), net));
            // precise BN rewrites the running statistics: on a copy, so the checkpoint continues unchanged
            ComputationGraph measured = net.clone();
            PreciseBatchNorm.recompute(measured, data.evalIterator(SplitName.TRAIN, spec.resolution(), EVAL_BATCH),
                    candidate.training().preciseBnImages());
            Accuracy accuracy = Accuracy.of(measured, data.evalIterator(options.split(), spec.resolution(), EVAL_BATCH));
            InferenceSpeed speed = options.measureSpeed()
                    ? options.latency().measure(measured, spec.inChannels(), spec.resolution()) : null;
            EvalResult result = new EvalResult(candidate.id(), candidate.specKey(), accuracy.top1(), accuracy.top5(),
                    accuracy.loss(), TrainableParams.trainableParams(measured), CostModel.of(spec).macs(),
                    speed == null ? Double.NaN : speed.latencyMs(), outcome.imagesPerSecond(), seconds(start),
                    workerId, null, speed == null ? provenance : provenance.withLatency(speed.facts()));
            return new Dl4jRun(result, measured, outcome, accuracy, speed);
        } catch (OutOfMemoryError | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Dl4jRun(EvalResult.failed(candidate, reason, seconds(start), workerId, provenance),
                    net, outcome, null, null);
        }
    }

    /** Why the spec cannot be trained on this data, or null. */
    private String mismatch(ArchSpec spec) {
        if (spec.inChannels() != data.source().channels()) {
            return "spec has " + spec.inChannels() + " input channels but " + data.source().kind().id()
                    + " images have " + data.source().channels();
        }
        if (spec.classes() != data.source().numClasses()) {
            return "spec has " + spec.classes() + " classes but " + data.source().kind().id() + " has "
                    + data.source().numClasses();
        }
        return null;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
