package org.effnas.worker.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.effnas.data.DatasetKind;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.eval.EvalJson;

/**
 * The data a command trains on, as the request describes it: the dataset's kind and folder, and the
 * split effnas made of its training split written out as index lists ({@code split_file}: the
 * positions of TRAIN and MINIVAL in the training split as read), with the per-channel mean and
 * standard deviation measured on TRAIN, so a command trains and is rewarded on exactly the images a
 * DL4J worker would be.
 *
 * @param kind          the dataset format
 * @param path          the folder holding its files
 * @param imageSize     folder datasets: the square size images are resized to when read (0 = as stored)
 * @param channels      image channels
 * @param classes       number of classes
 * @param sourceImages  images in the training split as read (a command reading another count stops)
 * @param splitFile     where {@link #writeSplit()} puts {@code {"train": [...], "minival": [...]}}
 * @param train         positions of TRAIN in the training split as read
 * @param minival       positions of MINIVAL in it
 * @param describe      dataset and split for provenance, e.g. {@code fashion-mnist/minival}
 * @param checksum      SHA-256 of the files the split was read from
 * @param splitSeed     the experiment seed the split was drawn with
 */
public record CommandDataset(DatasetKind kind, Path path, int imageSize, int channels, int classes,
                             int sourceImages, Path splitFile, int[] train, int[] minival, float[] mean,
                             float[] std, String describe, String checksum, long splitSeed, double minivalFraction,
                             int subset) {

    public CommandDataset {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(splitFile, "splitFile");
        train = train.clone();
        minival = minival.clone();
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Describes a split dataset; its index lists will go to
     * {@code evaluations/split-<seed>-<checksum>-<train images>.json} (written before the first
     * evaluation, not now: the experiment directory may not have been prepared yet).
     *
     * @param path where the dataset's files are (what the command reads)
     */
    public static CommandDataset of(SplitDataset data, Path path, int imageSize, Path evaluations) {
        String checksum = data.checksum(SplitName.MINIVAL);
        Path file = evaluations.resolve("split-" + data.options().seed() + "-" + checksum.substring(0, Math.min(12,
                checksum.length())) + "-" + data.trainIndices().length + ".json");
        return new CommandDataset(data.source().kind(), path, imageSize, data.source().channels(),
                data.source().numClasses(), data.source().train().count(), file, data.trainIndices(),
                data.minivalIndices(), data.normalization().mean(), data.normalization().std(),
                data.describe(SplitName.MINIVAL), checksum, data.options().seed(), data.options().minivalFraction(),
                data.options().subset());
    }

    public int trainImages() {
        return train.length;
    }

    public int minivalImages() {
        return minival.length;
    }

    /** Writes the split file unless it is there (atomically: a reader never sees half of it). */
    synchronized void writeSplit() throws IOException {
        if (Files.isRegularFile(splitFile)) {
            return;
        }
        ObjectNode split = EvalJson.MAPPER.createObjectNode();
        ArrayNode t = split.putArray("train");
        for (int i : train) {
            t.add(i);
        }
        ArrayNode m = split.putArray("minival");
        for (int i : minival) {
            m.add(i);
        }
        Path dir = splitFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "split", ".tmp");
        Files.writeString(tmp, split.toString());
        Files.move(tmp, splitFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The request's {@code dataset} object. */
    ObjectNode json() {
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("kind", kind.id());
        n.put("path", path.toAbsolutePath().toString());
        if (imageSize > 0) {
            n.put("image_size", imageSize);
        }
        n.put("channels", channels);
        n.put("classes", classes);
        n.put("source_images", sourceImages);
        n.put("split_file", splitFile.toAbsolutePath().toString());
        n.put("evaluate_on", SplitName.MINIVAL.id());
        n.put("train_images", train.length);
        n.put("minival_images", minival.length);
        n.put("split_seed", splitSeed);
        n.put("minival_fraction", minivalFraction);
        n.put("subset", subset);
        ObjectNode norm = n.putObject("normalization");
        ArrayNode m = norm.putArray("mean");
        ArrayNode s = norm.putArray("std");
        for (int c = 0; c < mean.length; c++) {
            m.add(mean[c]);
            s.add(std[c]);
        }
        n.put("checksum", checksum);
        return n;
    }
}
