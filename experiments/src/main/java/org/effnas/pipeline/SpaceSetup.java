package org.effnas.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.config.DatasetConfig;
import org.effnas.config.ExperimentConfig;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;

/**
 * The search space of an experiment, with its input (resolution, channels, classes) set to the
 * dataset's: a space file describes the architecture family, the config says what it is trained on.
 */
public final class SpaceSetup {

    private SpaceSetup() {
    }

    public static SearchSpace of(ExperimentConfig c) {
        SearchSpace s = c.space().file() != null ? SearchSpaces.load(Path.of(c.space().file()))
                : SearchSpaces.builtin(c.space().name());
        DatasetConfig d = c.dataset();
        return new SearchSpace(s.name(), s.backbone(), s.choices(), s.stem(), s.head(), d.resolution(), d.channels(),
                classes(d), s.filterDivisor(), s.activation(), s.dropout(), s.dropConnect());
    }

    /** Classes of the dataset: 10 for the built-in ones, the class folders of a folder dataset. */
    static int classes(DatasetConfig d) {
        if (!d.name().equals("folder")) {
            return 10;
        }
        Path root = Path.of(d.path());
        Path train = Files.isDirectory(root.resolve("train")) ? root.resolve("train") : root;
        try (Stream<Path> dirs = Files.list(train)) {
            int n = (int) dirs.filter(Files::isDirectory).count();
            if (n < 2) {
                throw new InvalidInputException("dataset.path: " + train + " holds " + n
                        + " class folder(s); a folder dataset needs one sub-folder of images per class, at least 2");
            }
            return n;
        } catch (IOException e) {
            throw new InvalidInputException("dataset.path: cannot list " + train + " (" + e.getMessage() + ")");
        }
    }
}
