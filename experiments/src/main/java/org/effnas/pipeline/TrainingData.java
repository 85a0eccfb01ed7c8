package org.effnas.pipeline;

import java.nio.file.Path;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;

/**
 * The data an experiment's DL4J evaluators train on: the configured dataset read once, minival held
 * out and the training subset drawn with the experiment seed, so that every candidate of every phase
 * is trained on the same images and rewarded on the same minival. The last split is kept, so the
 * evaluators, the cache's dataset id and the winner's retraining share one copy.
 */
final class TrainingData {

    private record Key(String dataset, String path, double minival, int subset, long seed) {
    }

    private static Key lastKey;
    private static SplitDataset last;

    private TrainingData() {
    }

    /** Reads and splits the dataset; a missing dataset is bad input saying what to install or pass. */
    static synchronized SplitDataset load(ExperimentConfig c) {
        SplitOptions split = SplitOptions.from(c.training().settings(c.dataset().minival()), c.seed());
        Key key = new Key(c.dataset().name(), c.dataset().path(), split.minivalFraction(), split.subset(), split.seed());
        if (!key.equals(lastKey)) {
            DatasetKind kind = DatasetKind.parse(c.dataset().name());
            Path dir = c.dataset().path() == null ? null : Path.of(c.dataset().path());
            ImageDataset data = DatasetLoader.load(DatasetRequest.of(kind, dir));
            last = SplitDataset.of(data, split);
            lastKey = key;
        }
        return last;
    }

    /** What the cache and the journals call this data: the minival split's description and checksum. */
    static String id(ExperimentConfig c) {
        SplitDataset data = load(c);
        return data.describe(SplitName.MINIVAL) + "@" + data.checksum(SplitName.MINIVAL);
    }
}
