package org.effnas.data;

/**
 * One split at one resolution, ready for a network: square images as normalised float32 in
 * N x C x R x R order with their labels. Built once per split and resolution by {@link SplitDataset}
 * and shared; treat the arrays as read-only.
 *
 * @param data       count * channels * resolution * resolution floats
 * @param labels     class index per image
 * @param channels   1 or 3
 * @param resolution height and width in pixels
 * @param numClasses number of classes (width of a one-hot label)
 */
public record FloatImages(float[] data, int[] labels, int channels, int resolution, int numClasses) {

    public FloatImages {
        long expected = (long) labels.length * channels * resolution * resolution;
        if (data.length != expected) {
            throw new IllegalArgumentException("float images: " + labels.length + " images of " + channels + "x"
                    + resolution + "x" + resolution + " need " + expected + " floats, got " + data.length);
        }
    }

    public int count() {
        return labels.length;
    }

    /** Floats per image. */
    public int imageFloats() {
        return channels * resolution * resolution;
    }

    /** Memory held by the pixel data. */
    public long bytes() {
        return 4L * data.length;
    }
}
