package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.effnas.spec.ArchSpec;
import org.effnas.data.ImageSplit;
import org.effnas.worker.export.EngineAccuracy;
import org.effnas.worker.export.ImageClassifier;
import java.util.Locale;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.SplitDataset;
import org.effnas.eval.EvalJson;
import org.effnas.experiment.BestModelSaver;
import org.effnas.experiment.EvaluatorKind;
import org.effnas.worker.export.OnnxExport;
import org.effnas.report.statistics.AccuracyInterval;
import java.nio.file.Path;
import org.effnas.data.SplitName;
import org.effnas.worker.batchnorm.PreciseBatchNorm;
import org.effnas.experiment.PhaseKind;
import org.effnas.search.Observation;
import org.effnas.worker.train.CheckpointStore;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.TrainingProgress;
import org.effnas.worker.train.TrainingCheckpoint;
import org.effnas.worker.train.Dl4jRun;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;

/**
 * The trained networks an experiment saves as deployable models ({@code model.zip} with the worker's
 * {@link ModelArchive}, {@code model.onnx} and {@code preprocess.json} beside it): the search winner
 * for {@code best/}, and under a scheduler with rungs each family member for {@code family/<name>/}.
 * Workers do not ship weights back, so a rung winner or member is its rung's checkpoint, and a winner
 * without rungs is trained once more here with its own seed and recipe (DL4J's weight init and data
 * order follow the seed).
 */
final class BestModel {

    private BestModel() {
    }

    /** The engine's "save best model" step for a DL4J experiment of this config. */
    static BestModelSaver saver(ExperimentConfig c) {
        if (c.evaluator().kind() != EvaluatorKind.DL4J) {
            // the surrogate trains nothing; a command's trainer keeps its own checkpoints
            return BestModelSaver.NONE;
        }
        return new BestModelSaver() {
            @Override
            public String save(Observation best, Path dir) {
                return best.candidate().fidelity() != null ? fromCheckpoint(c, best, dir) : retrain(c, best, dir);
            }

            @Override
            public String saveMember(String name, Observation evaluation, String checkpointId, Path dir) {
                return member(c, name, evaluation, checkpointId, dir);
            }
        };
    }

    /** A winner without rungs: trained once more with its own seed and recipe. */
    private static String retrain(ExperimentConfig c, Observation best, Path dir) {
        SplitDataset data = TrainingData.load(c);
        // timed as the search timed it, so best/metrics.json has the latency of the saved network
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, new Dl4jEvaluator.Options(SplitName.MINIVAL,
                EvaluatorSetup.latencyProbe(c), TrainingProgress.Listener.none()));
        Dl4jRun run = evaluator.run(best.candidate(), "best-model");
        if (run.network() == null || !run.result().ok()) {
            return "could not retrain the winner: " + run.result().failure();
        }
        ObjectNode metrics = EvalJson.result(run.result());
        metrics.put("search_top1", best.accuracy());
        int images = data.minivalIndices().length;
        boolean disagrees = !AccuracyInterval.of(List.of(run.result().top1()), images)
                .overlaps(AccuracyInterval.of(List.of(best.accuracy()), images));
        metrics.put("retrain_disagrees", disagrees);
        ModelArchive.save(dir, run.network(), best.candidate().spec(), metrics,
                Preprocessing.of(data, best.candidate().spec()));
        return String.format(Locale.ROOT, "best/model.zip saved (top-1 %.4f now, %.4f in the search)%s%s",
                run.result().top1(), best.accuracy(), onnxBeside(dir, data, "best"),
                disagrees ? "; WARNING: the retrain disagrees with the "
                        + "search beyond noise (95% intervals over " + images + " images do not overlap), so the "
                        + "search's figure for this candidate is doubtful" : "");
    }

    /**
     * A winner trained in rungs: its rung's checkpoint IS the trained network (no retraining), saved
     * as a deployable model ({@link #saveCheckpoint}).
     */
    private static String fromCheckpoint(ExperimentConfig c, Observation best, Path dir) {
        String id = PhaseKind.SEARCH.checkpointId(best.candidate().fidelity().checkpoint());
        ObjectNode metrics = EvalJson.result(best.result());
        metrics.put("search_top1", best.accuracy());
        return saveCheckpoint(c, id, best, metrics, dir, "best").map(saved -> String.format(Locale.ROOT,
                "best/model.zip saved from checkpoint %s (%d steps, top-1 %.4f at rung %d)%s", id, saved.steps(),
                best.accuracy(), best.rung(), saved.onnx())).orElseGet(() -> missing("best", id, c));
    }

    /**
     * A family member trained in rungs, saved from the checkpoint of its chosen evaluation like a rung
     * winner; its metrics.json carries its family result (minival top-1), the member and the evaluation.
     */
    private static String member(ExperimentConfig c, String name, Observation o, String id, Path dir) {
        ObjectNode metrics = EvalJson.result(o.result());
        metrics.put("member", name);
        metrics.put("minival_top1", o.accuracy());
        metrics.put("rung", o.rung());
        String folder = "family/" + name;
        return saveCheckpoint(c, id, o, metrics, dir, folder).map(saved -> String.format(Locale.ROOT,
                "%s/model.zip saved from checkpoint %s (%d steps, minival top-1 %.4f)%s", folder, id, saved.steps(),
                o.accuracy(), saved.onnx())).orElseGet(() -> missing(folder, id, c));
    }

    private static String missing(String folder, String id, ExperimentConfig c) {
        return "no " + folder + "/model.zip: the checkpoint " + id + " is not in " + Path.of(c.output())
                .resolve(EvaluatorSetup.CHECKPOINTS);
    }

    /** What {@link #saveCheckpoint} wrote: the checkpoint's steps and the console's words on model.onnx. */
    private record Saved(long steps, String onnx) {
    }

    /**
     * The one "save a checkpoint as a deployable model" step: the checkpoint with its updater state
     * removed, after the same precise-BN pass the rung's evaluation ran on its copy (so the saved
     * network is the one that was measured), written as the worker's model archive with
     * {@code checkpoint} and {@code steps} in its metrics, then model.onnx beside it with both engines'
     * minival top-1. Empty when the store no longer holds the checkpoint.
     */
    private static Optional<Saved> saveCheckpoint(ExperimentConfig c, String id, Observation o, ObjectNode metrics,
                                                  Path dir, String folder) {
        CheckpointStore store = EvaluatorSetup.checkpointStore(c);
        if (store == null || !store.contains(id)) {
            return Optional.empty();
        }
        TrainingCheckpoint ckpt = store.load(id);
        SplitDataset data = TrainingData.load(c);
        ArchSpec spec = o.candidate().spec();
        PreciseBatchNorm.recompute(ckpt.network(), data.evalIterator(SplitName.TRAIN, spec.resolution(),
                Dl4jEvaluator.EVAL_BATCH), o.candidate().training().preciseBnImages());
        metrics.put("checkpoint", id);
        metrics.put("steps", ckpt.steps());
        ModelArchive.save(dir, ckpt.network(), spec, metrics, Preprocessing.of(data, spec));
        return Optional.of(new Saved(ckpt.steps(), onnxBeside(dir, data, folder)));
    }

    /**
     * Exports the saved model to model.onnx beside it (a model the export cannot express keeps its
     * zip), then runs both saved files over the minival split the way {@code effnas predict} does and
     * adds their top-1 to its metrics.json, so the report shows them without running a model.
     */
    private static String onnxBeside(Path dir, SplitDataset data, String folder) {
        try {
            OnnxExport.exportBeside(dir);
        } catch (RuntimeException e) {
            return "; no " + folder + "/" + OnnxExport.FILE + " (" + e.getMessage() + ")";
        }
        try {
            ImageSplit minival = data.split(SplitName.MINIVAL);
            EngineAccuracy dl4j = EngineAccuracy.of(dir, ImageClassifier.Engine.DL4J, minival);
            EngineAccuracy ort = EngineAccuracy.of(dir, ImageClassifier.Engine.ONNXRUNTIME, minival);
            Path file = dir.resolve(ModelArchive.METRICS);
            ObjectNode metrics = (ObjectNode) EvalJson.MAPPER.readTree(Files.readString(file));
            metrics.set(ENGINES, engines(dl4j, ort));
            Files.writeString(file, EvalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(metrics) + "\n");
            return String.format(Locale.ROOT, " and %s/%s (minival top-1 %.4f with DL4J, %.4f with ONNX Runtime, "
                    + "%d/%d images predicted alike)", folder, OnnxExport.FILE, dl4j.top1(), ort.top1(),
                    dl4j.agreement(ort), dl4j.images());
        } catch (IOException | RuntimeException e) {
            return " and " + folder + "/" + OnnxExport.FILE + " (not evaluated under both engines: " + e.getMessage()
                    + ")";
        }
    }

    /** The best/metrics.json key of the both-engines evaluation. */
    static final String ENGINES = "engines";

    static ObjectNode engines(EngineAccuracy dl4j, EngineAccuracy ort) {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("split", "minival");
        n.put("images", dl4j.images());
        for (EngineAccuracy a : List.of(dl4j, ort)) {
            n.putObject(a.engine().id()).put("top1", a.top1()).put("correct", a.correct());
        }
        n.put("same_top1_images", dl4j.agreement(ort));
        return n;
    }
}
