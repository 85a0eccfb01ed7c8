package org.effnas.cli;

import java.nio.file.Path;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import picocli.CommandLine.Option;

/**
 * {@code --dataset NAME}, {@code --data DIR} and {@code --batch N}: the images a command trains on and how many
 * go into each step, as the picocli mixin of {@code effnas train}, {@code effnas bench train} and
 * {@code effnas fidelity}.
 */
public final class TrainingDataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist, mnist, cifar10 or folder (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (default: the Debian package's, "
            + "for fashion-mnist).")
    Path dir;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    /** The request for the training split of {@code --dataset} in {@code --data}. */
    DatasetRequest request() {
        return DatasetRequest.of(DatasetKind.parse(name), dir);
    }

    /** The training split of {@code --dataset} in {@code --data}, loaded. */
    ImageDataset load() {
        return DatasetLoader.load(request());
    }
}
