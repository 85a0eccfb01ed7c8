package org.effnas.data;

import org.effnas.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dataset formats effnas reads, with the facts that differ between them: where the Debian
 * package puts the files, and whether a horizontal flip is a label-preserving augmentation.
 */
public enum DatasetKind {
    /** Zalando's Fashion-MNIST: 28x28 grayscale, 10 clothing classes, IDX files. The default. */
    FASHION_MNIST("fashion-mnist", "/usr/share/datasets/fashion-mnist", true, false),
    /** LeCun's handwritten digits: 28x28 grayscale, IDX files. Flipping a digit changes its meaning. */
    MNIST("mnist", null, false, false),
    /** CIFAR-10 binary version: 32x32 RGB, 10 classes, {@code data_batch_1..5.bin} and {@code test_batch.bin}. */
    CIFAR10("cifar10", null, true, true),
    /** A folder with one subfolder of PNG/JPEG images per class. */
    FOLDER("folder", null, true, true);

    private final String id;
    private final String debianDir;
    private final boolean flipAllowed;
    private final boolean flipByDefault;

    DatasetKind(String id, String debianDir, boolean flipAllowed, boolean flipByDefault) {
        this.id = id;
        this.debianDir = debianDir;
        this.flipAllowed = flipAllowed;
        this.flipByDefault = flipByDefault;
    }

    /** The name used on the command line and in provenance, e.g. {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    /** Where a Debian package installs this dataset, or null when Debian ships none. */
    public String debianDir() {
        return debianDir;
    }

    /** Whether a horizontal flip keeps the label (false for digits). */
    public boolean flipAllowed() {
        return flipAllowed;
    }

    /** Whether training augmentation flips by default (on for CIFAR and folders, off for Fashion-MNIST). */
    public boolean flipByDefault() {
        return flipByDefault;
    }

    /** Parses a dataset name as given on the command line or in a config. */
    public static DatasetKind parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DatasetKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return kind;
            }
        }
        String known = Arrays.stream(values()).map(DatasetKind::id).collect(Collectors.joining(", "));
        throw new InvalidInputException("dataset: unknown dataset '" + name + "'; use one of " + known);
    }

    @Override
    public String toString() {
        return id;
    }
}
