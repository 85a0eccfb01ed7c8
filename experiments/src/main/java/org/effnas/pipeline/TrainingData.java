package org.effnas.pipeline;

import java.nio.file.Path;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;

/**
 * The data an experiment's DL4J evaluators train on: the configured dataset read once, minival held
 * out and the training subset drawn with the experiment seed, so that every candidate of every phase
 * is trained on the same images and rewarded on the same minival.
 */
final class TrainingData {

    private TrainingData() {
    }

    /** Reads and splits the dataset; a missing dataset is bad input saying what to install or pass. */
    static SplitDataset load(ExperimentConfig c) {
        DatasetKind kind = DatasetKind.parse(c.dataset().name());
        Path dir = c.dataset().path() == null ? null : Path.of(c.dataset().path());
        ImageDataset data = DatasetLoader.load(DatasetRequest.of(kind, dir));
        return SplitDataset.of(data, SplitOptions.from(c.training().settings(c.dataset().minival()), c.seed()));
    }
}
