package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.effnas.config.ExperimentConfig;
import org.effnas.eval.EvalJson;
import org.effnas.search.Observation;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.Dl4jRun;
import org.effnas.worker.train.ModelArchive;

/**
 * The trained network of the search winner, for {@code best/model.zip}: workers do not ship weights
 * back, so the winner is trained once more here with its own seed and recipe (DL4J's weight init and
 * data order follow the seed) and saved with the worker's {@link ModelArchive}.
 */
final class BestModel {

    private BestModel() {
    }

    /** Trains the winner again and saves model.zip, spec.yaml and metrics.json into {@code dir}; returns its result. */
    static Dl4jRun save(ExperimentConfig c, Observation best, Path dir) {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(TrainingData.load(c), Dl4jEvaluator.Options.reward());
        Dl4jRun run = evaluator.run(best.candidate(), "best-model");
        if (run.network() != null && run.result().ok()) {
            ObjectNode metrics = EvalJson.result(run.result());
            metrics.put("search_top1", best.accuracy());
            ModelArchive.save(dir, run.network(), best.candidate().spec(), metrics);
        }
        return run;
    }
}
