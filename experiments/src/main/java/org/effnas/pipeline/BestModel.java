package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
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
 * The trained network of the search winner, for {@code best/model.zip}: workers do not ship weights
 * back, so the winner is trained once more here with its own seed and recipe (DL4J's weight init and
 * data order follow the seed) and saved with the worker's {@link ModelArchive}.
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
        return (best, dir) -> {
            if (best.candidate().fidelity() != null) {
                return fromCheckpoint(c, best, dir);
            }
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
                    run.result().top1(), best.accuracy(), onnxBeside(dir, data), disagrees ? "; WARNING: the retrain disagrees with the "
                            + "search beyond noise (95% intervals over " + images + " images do not overlap), so the "
                            + "search's figure for this candidate is doubtful" : "");
        };
    }

    /**
     * A winner trained in rungs: its rung's checkpoint IS the trained network (no retraining), saved
     * with its updater state removed as the worker's model archive, after the same precise-BN pass the
     * rung's evaluation ran on its copy, so the saved network is the one that was measured.
     */
    private static String fromCheckpoint(ExperimentConfig c, Observation best, Path dir) {
        CheckpointStore store = EvaluatorSetup.checkpointStore(c);
        String id = PhaseKind.SEARCH.checkpointId(best.candidate().fidelity().checkpoint());
        if (store == null || !store.contains(id)) {
            return "no best/model.zip: the winner's checkpoint " + id + " is not in " + Path.of(c.output())
                    .resolve(EvaluatorSetup.CHECKPOINTS);
        }
        TrainingCheckpoint ckpt = store.load(id);
        SplitDataset data = TrainingData.load(c);
        PreciseBatchNorm.recompute(ckpt.network(), data.evalIterator(SplitName.TRAIN, best.candidate().spec().resolution(),
                Dl4jEvaluator.EVAL_BATCH), best.candidate().training().preciseBnImages());
        ObjectNode metrics = EvalJson.result(best.result());
        metrics.put("search_top1", best.accuracy());
        metrics.put("checkpoint", id);
        metrics.put("steps", ckpt.steps());
        ModelArchive.save(dir, ckpt.network(), best.candidate().spec(), metrics,
                Preprocessing.of(data, best.candidate().spec()));
        return String.format(Locale.ROOT, "best/model.zip saved from checkpoint %s (%d steps, top-1 %.4f at rung %d)%s",
                id, ckpt.steps(), best.accuracy(), best.rung(), onnxBeside(dir, data));
    }

    /**
     * Exports the saved model to model.onnx beside it (a model the export cannot express keeps its
     * zip), then runs both saved files over the minival split the way {@code effnas predict} does and
     * adds their top-1 to best/metrics.json, so the report shows them without running a model.
     */
    private static String onnxBeside(Path dir, SplitDataset data) {
        try {
            OnnxExport.exportBeside(dir);
        } catch (RuntimeException e) {
            return "; no best/" + OnnxExport.FILE + " (" + e.getMessage() + ")";
        }
        try {
            ImageSplit minival = data.split(SplitName.MINIVAL);
            EngineAccuracy dl4j = EngineAccuracy.of(dir, ImageClassifier.Engine.DL4J, minival);
            EngineAccuracy ort = EngineAccuracy.of(dir, ImageClassifier.Engine.ONNXRUNTIME, minival);
            Path file = dir.resolve(ModelArchive.METRICS);
            ObjectNode metrics = (ObjectNode) EvalJson.MAPPER.readTree(Files.readString(file));
            metrics.set(ENGINES, engines(dl4j, ort));
            Files.writeString(file, EvalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(metrics) + "\n");
            return String.format(Locale.ROOT, " and best/%s (minival top-1 %.4f with DL4J, %.4f with ONNX Runtime, "
                    + "%d/%d images predicted alike)", OnnxExport.FILE, dl4j.top1(), ort.top1(), dl4j.agreement(ort),
                    dl4j.images());
        } catch (IOException | RuntimeException e) {
            return " and best/" + OnnxExport.FILE + " (not evaluated under both engines: " + e.getMessage() + ")";
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
