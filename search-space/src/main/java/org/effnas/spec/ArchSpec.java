package org.effnas.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete ConvNet: input, stem, stages of blocks, head and classifier, training-time
 * regularisation. Immutable and validated: consecutive stages must chain their filters.
 * Defaults (see {@link #DEFAULT_RESOLUTION} etc.) are those of EfficientNet-B0.
 *
 * @param dropout     dropout rate before the classifier
 * @param dropConnect the final block's drop-connect (stochastic depth) rate; block i of n uses
 *                    {@code dropConnect * i / n}, as the official implementation does
 */
public record ArchSpec(int resolution, int inChannels, int classes, Stem stem, List<Stage> stages,
                       Head head, Activation activation, double dropout, double dropConnect) {

    public static final int DEFAULT_RESOLUTION = 224;
    public static final int DEFAULT_IN_CHANNELS = 3;
    public static final int DEFAULT_CLASSES = 1000;
    public static final Stem DEFAULT_STEM = new Stem(3, 2, 32);
    public static final Head DEFAULT_HEAD = new Head(1280);
    public static final Activation DEFAULT_ACTIVATION = Activation.SWISH;
    public static final double DEFAULT_DROPOUT = 0.2;
    public static final double DEFAULT_DROP_CONNECT = 0.2;

    public ArchSpec {
        SpecLimits.check("resolution", resolution, 1, SpecLimits.MAX_RESOLUTION);
        SpecLimits.check("in_channels", inChannels, 1, SpecLimits.MAX_IN_CHANNELS);
        SpecLimits.check("classes", classes, 2, SpecLimits.MAX_CLASSES);
        if (stem == null) {
            throw new InvalidSpecException("stem", "is missing");
        }
        if (head == null) {
            throw new InvalidSpecException("head", "is missing");
        }
        if (activation == null) {
            throw new InvalidSpecException("activation", "is missing");
        }
        if (stages == null || stages.isEmpty()) {
            throw new InvalidSpecException("blocks", "at least one stage is required");
        }
        stages = List.copyOf(stages);
        long blocks = stages.stream().mapToLong(Stage::repeats).sum();
        if (blocks > SpecLimits.MAX_BLOCKS) {
            throw new InvalidSpecException("blocks", "the repeats add up to " + blocks + " blocks, at most "
                    + SpecLimits.MAX_BLOCKS + " are allowed");
        }
        int previous = stem.filters();
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (s.inputFilters() != previous) {
                throw new InvalidSpecException("stage " + (i + 1) + " input filters",
                        "must equal the previous " + (i == 0 ? "stem's" : "stage's")
                                + " output filters " + previous + ", got " + s.inputFilters());
            }
            previous = s.outputFilters();
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidSpecException("dropout", "must be in [0, 1), got " + dropout);
        }
        if (!(dropConnect >= 0 && dropConnect < 1)) {
            throw new InvalidSpecException("drop_connect", "must be in [0, 1), got " + dropConnect);
        }
    }

    public static ArchSpec of(int resolution, int inChannels, int classes, Stem stem,
                              List<Stage> stages, Head head, Activation activation, double dropout,
                              double dropConnect) {
        return new ArchSpec(resolution, inChannels, classes, stem, stages, head, activation,
                dropout, dropConnect);
    }

    /** A spec with every field but the stages at its EfficientNet-B0 default. */
    public static ArchSpec of(List<Stage> stages) {
        return new ArchSpec(DEFAULT_RESOLUTION, DEFAULT_IN_CHANNELS, DEFAULT_CLASSES, DEFAULT_STEM,
                stages, DEFAULT_HEAD, DEFAULT_ACTIVATION, DEFAULT_DROPOUT, DEFAULT_DROP_CONNECT);
    }

    /** Every block in order, with the stride and channel change on each stage's first repeat only. */
    public List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        for (int si = 0; si < stages.size(); si++) {
            Stage s = stages.get(si);
            for (int r = 0; r < s.repeats(); r++) {
                boolean first = r == 0;
                out.add(new Block(out.size(), si, s.op(), s.kernel(), first ? s.stride() : 1,
                        first ? s.inputFilters() : s.outputFilters(), s.outputFilters(),
                        s.seRatio(), s.skip()));
            }
        }
        return List.copyOf(out);
    }

    /** Total number of blocks (sum of repeats). */
    public int blockCount() {
        return stages.stream().mapToInt(Stage::repeats).sum();
    }

    /** Drop-connect rate of block {@code index}: grows linearly from 0, as the official code does. */
    public double dropConnectRate(int index) {
        return dropConnect * index / blockCount();
    }

    public ArchSpec withResolution(int newResolution) {
        return new ArchSpec(newResolution, inChannels, classes, stem, stages, head, activation,
                dropout, dropConnect);
    }

    public ArchSpec withInput(int newResolution, int newInChannels, int newClasses) {
        return new ArchSpec(newResolution, newInChannels, newClasses, stem, stages, head,
                activation, dropout, dropConnect);
    }

    public ArchSpec withStem(Stem newStem, List<Stage> newStages, Head newHead) {
        return new ArchSpec(resolution, inChannels, classes, newStem, newStages, newHead,
                activation, dropout, dropConnect);
    }

    public ArchSpec withRegularisation(double newDropout, double newDropConnect) {
        return new ArchSpec(resolution, inChannels, classes, stem, stages, head, activation,
                newDropout, newDropConnect);
    }

    /** Spatial size after a 'same'-padded layer of this stride: {@code ceil(size / stride)}. */
    public static int sameOutput(int size, int stride) {
        return (size + stride - 1) / stride;
    }
}
