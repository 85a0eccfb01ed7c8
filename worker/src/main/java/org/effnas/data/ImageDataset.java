package org.effnas.data;

import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;

/**
 * A dataset in memory as read from its files: the training split, the test split when it was asked
 * for, the class names and a checksum of every file read.
 *
 * @param kind       the format it came from
 * @param classNames class names, index = label
 * @param train      the training split (minival is carved out of it later, see {@link SplitDataset})
 * @param test       the test split, or null when the request did not include it
 * @param sha256     checksum over the checksums of the splits read, train first
 */
public record ImageDataset(DatasetKind kind, List<String> classNames, ImageSplit train, ImageSplit test,
                           String sha256) {

    public ImageDataset {
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty()) {
            throw new InvalidInputException(kind + ": a dataset needs at least one class");
        }
        if (train == null || train.count() == 0) {
            throw new InvalidInputException(kind + ": the training split is empty; check the dataset files");
        }
        checkLabels(kind, "train", train, classNames.size());
        if (test != null) {
            if (test.channels() != train.channels() || test.height() != train.height()
                    || test.width() != train.width()) {
                throw new IllegalArgumentException(kind + ": test images are " + shape(test)
                        + " but training images are " + shape(train));
            }
            checkLabels(kind, "test", test, classNames.size());
        }
    }

    /** A dataset whose checksum combines its splits' checksums. */
    public static ImageDataset of(DatasetKind kind, List<String> classNames, ImageSplit train, ImageSplit test) {
        List<String> sums = new ArrayList<>();
        sums.add(train.sha256());
        if (test != null) {
            sums.add(test.sha256());
        }
        return new ImageDataset(kind, classNames, train, test, Sha256.combine(sums));
    }

    public int numClasses() {
        return classNames.size();
    }

    public int channels() {
        return train.channels();
    }

    public int height() {
        return train.height();
    }

    public int width() {
        return train.width();
    }

    public boolean hasTest() {
        return test != null;
    }

    private static void checkLabels(DatasetKind kind, String split, ImageSplit data, int numClasses) {
        for (int i = 0; i < data.count(); i++) {
            int label = data.labels()[i];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException(kind + " " + split + " image " + i + ": label " + label
                        + " outside 0.." + (numClasses - 1));
            }
        }
    }

    private static String shape(ImageSplit split) {
        return split.channels() + "x" + split.height() + "x" + split.width();
    }
}
