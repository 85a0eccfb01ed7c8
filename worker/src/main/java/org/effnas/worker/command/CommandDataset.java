package org.effnas.worker.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * @param sourceImages  images in the training split as read (a command reading another count stops)
 * @param splitFile     JSON {@code {"train": [...], "minival": [...]}}
 * @param describe      dataset and split for provenance, e.g. {@code fashion-mnist/minival}
 * @param checksum      SHA-256 of the files the split was read from
 * @param splitSeed     the experiment seed the split was drawn with
 * @param channels      image channels
 * @param classes       number of classes
 */
public record CommandDataset(DatasetKind kind, Path path, int imageSize, int channels, int classes,
                             int sourceImages, Path splitFile,
                             float[] mean, float[] std, int trainImages, int minivalImages, String describe,
                             String checksum, long splitSeed, double minivalFraction, int subset) {

    public CommandDataset {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(splitFile, "splitFile");
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Describes a split dataset and writes its index lists to {@code evaluations/split-<checksum>.json}
     * (atomically; the same split always writes the same file).
     *
     * @param path where the dataset's files are (what the command reads)
     */
    public static CommandDataset of(SplitDataset data, Path path, int imageSize, Path evaluations) {
        ObjectNode split = EvalJson.MAPPER.createObjectNode();
        ArrayNode train = split.putArray("train");
        for (int i : data.trainIndices()) {
            train.add(i);
        }
        ArrayNode minival = split.putArray("minival");
        for (int i : data.minivalIndices()) {
            minival.add(i);
        }
        String checksum = data.checksum(SplitName.MINIVAL);
        Path file = evaluations.resolve("split-" + data.options().seed() + "-" + checksum.substring(0, Math.min(12,
                checksum.length())) + "-" + data.trainIndices().length + ".json");
        try {
            Files.createDirectories(evaluations);
            Path tmp = Files.createTempFile(evaluations, "split", ".tmp");
            Files.writeString(tmp, split.toString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the split file " + file, e);
        }
        return new CommandDataset(data.source().kind(), path, imageSize, data.source().channels(),
                data.source().numClasses(), data.source().train().count(), file,
                data.normalization().mean(), data.normalization().std(), data.trainIndices().length,
                data.minivalIndices().length, data.describe(SplitName.MINIVAL), checksum, data.options().seed(),
                data.options().minivalFraction(), data.options().subset());
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
        n.put("train_images", trainImages);
        n.put("minival_images", minivalImages);
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
