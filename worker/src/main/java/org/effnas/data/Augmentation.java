package org.effnas.data;

import org.effnas.InvalidInputException;

/**
 * Light training augmentation applied while a batch is assembled: a random crop of the image padded
 * by {@code padding} pixels on each side (black padding, as torchvision's {@code RandomCrop(padding=p)}),
 * and a horizontal flip with probability 1/2.
 *
 * @param crop    random crop with padding
 * @param padding pixels of padding at the candidate's resolution; negative = the default, 4 px at
 *                32 px scaled with the resolution ({@code round(4 * r / 32)}: 4 at 28, 8 at 64)
 * @param flip    random horizontal flip
 */
public record Augmentation(boolean crop, int padding, boolean flip) {

    /** Padding at 32 px when none is given; scaled with the resolution. */
    public static final int DEFAULT_PADDING_AT_32 = 4;

    public Augmentation {
        if (padding > 64) {
            throw new InvalidInputException("augmentation.padding: must be <= 64 pixels, got " + padding);
        }
    }

    /** No augmentation (evaluation, or training without it). */
    public static Augmentation none() {
        return new Augmentation(false, -1, false);
    }

    /** Crop with the scaled default padding, and flip as chosen. */
    public static Augmentation of(boolean crop, boolean flip) {
        return new Augmentation(crop, -1, flip);
    }

    /** The default training augmentation of a dataset: crop, and flip where {@link DatasetKind#flipByDefault()}. */
    public static Augmentation standard(DatasetKind kind) {
        return new Augmentation(true, -1, kind.flipByDefault());
    }

    /** {@link #standard} when {@code augment} (e.g. {@code TrainingSettings.augment()}), else {@link #none}. */
    public static Augmentation forTraining(DatasetKind kind, boolean augment) {
        return augment ? standard(kind) : none();
    }

    /** Whether this changes any image. */
    public boolean isNone() {
        return !crop && !flip;
    }

    /** Padding in pixels at a resolution: the explicit value, or the scaled default. */
    public int paddingAt(int resolution) {
        if (!crop) {
            return 0;
        }
        int p = padding >= 0 ? padding : Math.round(DEFAULT_PADDING_AT_32 * resolution / 32f);
        return Math.min(p, resolution - 1);
    }
}
