package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.config.ExperimentConfig;
import org.effnas.cost.CostModel;
import org.effnas.data.Augmentation;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.InMemoryImageIterator;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingEngine;
import org.effnas.eval.TrainingSettings;
import org.effnas.experiment.ExperimentEvaluator;
import org.effnas.experiment.FinalMember;
import org.effnas.experiment.FinalTrainer;
import org.effnas.notation.BlockStrings;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.spec.ArchSpec;
import org.effnas.version.CodeVersion;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.batchnorm.PreciseBatchNorm;
import org.effnas.worker.export.OnnxExport;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.graph.TrainableParams;
import org.effnas.worker.nhwc.NhwcTraining;
import org.effnas.worker.train.Accuracy;
import org.effnas.worker.train.CheckpointStore;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;
import org.effnas.worker.train.Trainer;
import org.effnas.worker.train.TrainingCheckpoint;
import org.effnas.worker.train.TrainingOutcome;
import org.effnas.worker.train.TrainingPlan;
import org.effnas.worker.train.TrainingProgress;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The final phase's trainer for a config: DL4J in this process, whatever evaluator the search used
 * (the phase keeps weights, which workers do not ship). Each member trains the full-budget recipe
 * on the training split (minival held out with the experiment seed, as in the search) and is
 * measured on the dataset's test split, which no phase before saw. A member with a top-rung
 * checkpoint continues it: its weights, updater state and step count, with the data stream replayed
 * to that step and the learning rate following the final recipe's schedule from there; without one
 * it trains from scratch with its evaluation's seed. The network is saved as
 * {@code final/<member>/model.zip} with the worker's {@link ModelArchive} and exported to
 * {@code model.onnx} + {@code preprocess.json} beside it; {@code metrics.json} says the steps trained
 * and the checkpoint continued.
 */
final class FinalTraining implements BlockingEvaluator {

    /** The final models' folder inside an experiment directory. */
    static final String DIR = "final";

    private static final long PROGRESS_EVERY_NANOS = 60_000_000_000L;

    private final SplitDataset data;
    private final CheckpointStore checkpoints;
    private final Map<String, FinalMember> bySpec = new HashMap<>();
    private final Path dir;
    private final Consumer<String> log;

    private FinalTraining(SplitDataset data, CheckpointStore checkpoints, List<FinalMember> members, Path dir,
                          Consumer<String> log) {
        this.data = data;
        this.checkpoints = checkpoints;
        members.forEach(m -> bySpec.putIfAbsent(BlockStrings.canonical(m.spec()), m));
        this.dir = dir;
        this.log = log;
    }

    /** The engine's final trainer for an experiment of this config. */
    static FinalTrainer trainer(ExperimentConfig c) {
        return (members, training, dir, log) -> {
            NativeBackend.prepare();
            NativeBackend.enableLayerHelpers();
            SplitDataset data = load(c, training);
            FinalTraining t = new FinalTraining(data, EvaluatorSetup.checkpointStore(c), members, dir, log);
            String id = data.describe(SplitName.TEST) + "@" + data.checksum(SplitName.TEST) + "+train@"
                    + data.checksum(SplitName.TRAIN);
            return new ExperimentEvaluator(LocalEvaluator.of(t, 1, "dl4j"), id, () -> 1,
                    "dl4j in this process, one member at a time, test split of " + data.split(SplitName.TEST).count()
                            + " images", CheckpointRelease.none());
        };
    }

    /** The config's dataset with its test split; the final recipe's subset of the training split. */
    static SplitDataset load(ExperimentConfig c, TrainingSettings training) {
        DatasetKind kind = DatasetKind.parse(c.dataset().name());
        Path path = c.dataset().path() == null ? null : Path.of(c.dataset().path());
        return SplitDataset.of(DatasetLoader.load(DatasetRequest.of(kind, path).withTest()),
                SplitOptions.from(training, c.seed()));
    }

    @Override
    public EvalResult evaluate(Candidate candidate, String workerId) {
        long start = System.nanoTime();
        ArchSpec spec = candidate.spec();
        TrainingSettings t = candidate.training();
        Provenance provenance = Provenance.of(t.engine().text(), candidate.seed(), t, data.describe(SplitName.TEST),
                data.checksum(SplitName.TEST), CodeVersion.current());
        boolean nhwc = t.engine() == TrainingEngine.ONEDNN_NHWC;
        FinalMember member = bySpec.get(candidate.specKey());
        if (member == null) {
            return EvalResult.failed(candidate, "not a member of the final phase", seconds(start), workerId, provenance);
        }
        try {
            InMemoryImageIterator train = data.trainIterator(spec.resolution(), t.batchSize(),
                    Augmentation.forTraining(data.source().kind(), t.augment()), candidate.seed());
            TrainingPlan plan = TrainingPlan.of(t, train.numExamples());
            TrainingCheckpoint from = checkpoint(member, candidate);
            if (from != null && nhwc) {
                // a checkpoint is a DL4J network with DL4J's optimizer state, which the NHWC engine cannot continue
                log.accept("effnas: final " + member.name() + ": the onednn-nhwc engine cannot continue checkpoint "
                        + from.id() + "; trained from scratch");
                from = null;
            }
            ComputationGraph net;
            long fromSteps = 0;
            if (from != null) {
                net = from.network();
                fromSteps = from.steps();
                Nd4j.getRandom().setStates(from.rootState(), from.nodeState());
                // the final recipe's schedule from the checkpoint's step on (its iteration count)
                net.setLearningRate(plan.schedule());
            } else {
                net = GraphTranslator.build(spec, GraphOptions.of(candidate.seed(), plan.updater(), t.weightDecay()));
                Nd4j.getRandom().setSeed(candidate.seed());
            }
            TrainingOutcome outcome = null;
            if (nhwc) {
                NhwcTraining.Result trained = NhwcTraining.train(spec, t, plan, candidate.seed(), train, net,
                        progress(member), log);
                outcome = trained.outcome();
                provenance = provenance.onDevice("", trained.facts());
                if (!outcome.ok()) {
                    return EvalResult.failed(candidate, outcome.failure(), seconds(start), workerId, provenance);
                }
            } else if (fromSteps < plan.totalSteps()) {
                outcome = Trainer.train(net, train, plan, fromSteps, plan.totalSteps(), progress(member));
                if (!outcome.ok()) {
                    return EvalResult.failed(candidate, outcome.failure(), seconds(start), workerId, provenance);
                }
            }
            PreciseBatchNorm.recompute(net, data.evalIterator(SplitName.TRAIN, spec.resolution(),
                    Dl4jEvaluator.EVAL_BATCH), t.preciseBnImages());
            Accuracy test = Accuracy.of(net, data.evalIterator(SplitName.TEST, spec.resolution(), Dl4jEvaluator.EVAL_BATCH));
            EvalResult result = new EvalResult(candidate.id(), candidate.specKey(), test.top1(), test.top5(), test.loss(),
                    TrainableParams.trainableParams(net), CostModel.of(spec).macs(), Double.NaN,
                    outcome == null ? Double.NaN : outcome.imagesPerSecond(), seconds(start), workerId, null, provenance);
            // a checkpoint past the final budget is measured as it is
            save(member, net, result, test.images(), Math.max(plan.totalSteps(), fromSteps), fromSteps, from);
            return result;
        } catch (OutOfMemoryError | RuntimeException e) {
            return EvalResult.failed(candidate, e.getClass().getSimpleName() + ": " + e.getMessage(), seconds(start),
                    workerId, provenance);
        }
    }

    /** The member's top-rung checkpoint when the store still holds it and it is this network; else null. */
    private TrainingCheckpoint checkpoint(FinalMember member, Candidate candidate) {
        if (member.checkpoint().isEmpty()) {
            return null;
        }
        String id = member.checkpoint().get();
        if (checkpoints == null || !checkpoints.contains(id)) {
            log.accept("effnas: final " + member.name() + ": checkpoint " + id + " is no longer kept; trained from "
                    + "scratch");
            return null;
        }
        TrainingCheckpoint c = checkpoints.load(id);
        if (!c.specKey().equals(candidate.specKey())) {
            log.accept("effnas: final " + member.name() + ": checkpoint " + id + " holds another network; trained "
                    + "from scratch");
            return null;
        }
        return c;
    }

    /** model.zip (and its companions) and model.onnx in {@code final/<member>/}, and a line for the console. */
    private void save(FinalMember member, ComputationGraph net, EvalResult result, long testImages, long steps,
                      long fromSteps, TrainingCheckpoint from) {
        Path out = dir.resolve(DIR).resolve(member.name());
        ObjectNode metrics = EvalJson.result(result);
        metrics.put("member", member.name());
        metrics.put("split", SplitName.TEST.id());
        metrics.put("test_images", testImages);
        metrics.put("steps", steps);
        metrics.put("from_steps", fromSteps);
        metrics.put("continued_from", from == null ? "" : from.id());
        metrics.put("source", member.source());
        metrics.put("minival_top1", member.minivalTop1());
        ModelArchive.save(out, net, member.spec(), metrics, Preprocessing.of(data, member.spec()));
        String onnx;
        try {
            OnnxExport.exportBeside(out);
            metrics.put("onnx", OnnxExport.FILE);
            onnx = " and " + OnnxExport.FILE;
        } catch (RuntimeException e) {
            metrics.put("onnx_error", e.getMessage());
            onnx = "; no " + OnnxExport.FILE + " (" + e.getMessage() + ")";
        }
        try {
            Files.writeString(out.resolve(ModelArchive.METRICS), metrics.toPrettyString() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(ModelArchive.METRICS) + ": " + e.getMessage(), e);
        }
        log.accept(String.format(Locale.ROOT, "effnas: final %s: test top-1 %.4f over %d images, %d steps%s; saved "
                        + "%s/%s/%s%s", member.name(), result.top1(), testImages, steps,
                from == null ? " from scratch" : " (continued from " + from.id() + " at step " + fromSteps + ")",
                DIR, member.name(), ModelArchive.MODEL, onnx));
    }

    /** A training progress line at most once a minute: final trainings run for hours. */
    private TrainingProgress.Listener progress(FinalMember member) {
        long[] last = {System.nanoTime()};
        return p -> {
            long now = System.nanoTime();
            if (now - last[0] >= PROGRESS_EVERY_NANOS) {
                last[0] = now;
                log.accept("effnas: final " + member.name() + ": " + p.line());
            }
        };
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
