package org.effnas.config;

import java.util.List;

/**
 * The data to train and evaluate on.
 *
 * @param name       {@code fashion-mnist}, {@code mnist}, {@code cifar10} or {@code folder}
 * @param path       where the files are; defaults to Debian's {@code dataset-fashion-mnist} folder for
 *                   Fashion-MNIST, null (required for training) for the others
 * @param minival    fraction of the training split held out to compute the reward, in (0, 1)
 * @param resolution input resolution of the baseline (the family scales it up)
 */
public record DatasetConfig(String name, String path, double minival, int resolution) {

    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "folder");

    public DatasetConfig {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("dataset.name: unknown dataset " + name);
        }
    }

    public static DatasetConfig of(String name) {
        return new DatasetConfig(name, defaultPath(name), 0.1, nativeResolution(name));
    }

    static DatasetConfig read(ConfigSection s) {
        String name = s.choice("name", "fashion-mnist", NAMES);
        String path = s.string("path", defaultPath(name));
        if (path == null && name.equals("folder")) {
            s.problem("path", "required for the folder dataset (a directory with one sub-directory per class)");
        }
        double minival = s.decimal("minival", 0.1, 0, true, 1, true);
        int resolution = s.integer("resolution", nativeResolution(name), 8, 1024);
        return new DatasetConfig(name, path, minival, resolution);
    }

    /** Debian's {@code dataset-fashion-mnist} location; null (must be given) for the others. */
    static String defaultPath(String name) {
        return name.equals("fashion-mnist") ? "/usr/share/datasets/fashion-mnist" : null;
    }

    static int nativeResolution(String name) {
        return name.equals("fashion-mnist") || name.equals("mnist") ? 28 : 32;
    }

    /** Image channels of the dataset (1 for the MNISTs, 3 otherwise). */
    public int channels() {
        return name.equals("fashion-mnist") || name.equals("mnist") ? 1 : 3;
    }
}
