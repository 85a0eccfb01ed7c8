package org.effnas.report;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.effnas.config.DatasetConfig;

/**
 * How many images each accuracy of an experiment was measured on: the minival split's size, from
 * the training split's image count (read from the dataset's file headers, not by loading it) and
 * the minival fraction, rounded as the worker's split rounds it. 0 when the dataset cannot be read.
 */
final class EvaluationImages {

    private EvaluationImages() {
    }

    static int of(DatasetConfig d) {
        long total = trainingImages(d);
        if (total < 2) {
            return 0;
        }
        // as SplitDataset: at least one image each side
        return (int) Math.max(1, Math.min(total - 1, Math.round(d.minival() * total)));
    }

    /** Images of the training split; 0 when unknown. */
    static long trainingImages(DatasetConfig d) {
        if (d.path() == null) {
            return 0;
        }
        Path dir = Path.of(d.path());
        try {
            return switch (d.name()) {
                case "fashion-mnist", "mnist" -> idxCount(dir);
                case "cifar10" -> cifarCount(dir);
                default -> folderCount(Files.isDirectory(dir.resolve("train")) ? dir.resolve("train") : dir);
            };
        } catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    private static long idxCount(Path dir) throws IOException {
        for (String name : new String[] {"train-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte"}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try (InputStream raw = Files.newInputStream(f);
                     DataInputStream in = new DataInputStream(name.endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
                    in.readInt(); // magic number
                    return in.readInt();
                }
            }
        }
        return 0;
    }

    private static long cifarCount(Path dir) throws IOException {
        long bytes = 0;
        for (int i = 1; i <= 5; i++) {
            Path f = dir.resolve("data_batch_" + i + ".bin");
            if (Files.isRegularFile(f)) {
                bytes += Files.size(f);
            }
        }
        return bytes / 3073; // one label byte and 3 x 32 x 32 pixels per image
    }

    private static long folderCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
                    }).filter(p -> !p.getParent().equals(dir)).count();
        }
    }
}
