package org.effnas.data;

import java.util.Arrays;

/**
 * One split at one resolution, ready for a network: square images as normalised float32 in
 * N x C x R x R order with their labels. Built once per split and resolution by {@link SplitDataset}
 * and shared; read-only.
 *
 * <p>Resized images are stored as floats. Images at their stored size are not: the split's bytes are
 * kept and each value is normalised as it is read, {@code (v & 0xff) * scale[c] + shift[c]}, which is
 * bit for bit what the resizing pass computes at scale 1 (it folds normalisation into the same float
 * expression). That saves four bytes per pixel of Java heap (188 MB for Fashion-MNIST's training images),
 * which was a seventh of a training worker's peak RSS, at the cost of a multiply-add per value copied.
 */
public final class FloatImages {

    private final float[] floats;
    private final byte[] pixels;
    private final float[] scale;
    private final float[] shift;
    private final int[] labels;
    private final int channels;
    private final int resolution;
    private final int numClasses;

    private FloatImages(float[] floats, byte[] pixels, float[] scale, float[] shift, int[] labels, int channels,
                        int resolution, int numClasses) {
        long expected = (long) labels.length * channels * resolution * resolution;
        long got = floats != null ? floats.length : pixels.length;
        if (got != expected) {
            throw new IllegalArgumentException("float images: " + labels.length + " images of " + channels + "x"
                    + resolution + "x" + resolution + " need " + expected + " values, got " + got);
        }
        if (pixels != null && (scale.length != channels || shift.length != channels)) {
            throw new IllegalArgumentException("float images: one scale and shift per channel, got "
                    + scale.length + " and " + shift.length + " for " + channels + " channels");
        }
        this.floats = floats;
        this.pixels = pixels;
        this.scale = scale;
        this.shift = shift;
        this.labels = labels;
        this.channels = channels;
        this.resolution = resolution;
        this.numClasses = numClasses;
    }

    /** Images already normalised: {@code data} holds count x channels x resolution x resolution floats. */
    public static FloatImages of(float[] data, int[] labels, int channels, int resolution, int numClasses) {
        return new FloatImages(data, null, null, null, labels, channels, resolution, numClasses);
    }

    /** Images kept as bytes (0..255, read with {@code & 0xff}) and normalised per channel when read. */
    public static FloatImages normalising(byte[] pixels, float[] scale, float[] shift, int[] labels, int channels,
                                          int resolution, int numClasses) {
        return new FloatImages(null, pixels, scale.clone(), shift.clone(), labels, channels, resolution, numClasses);
    }

    public int count() {
        return labels.length;
    }

    /** Floats per image. */
    public int imageFloats() {
        return channels * resolution * resolution;
    }

    /** Memory these images hold beyond their split's own bytes (none when normalised as read). */
    public long bytes() {
        return floats != null ? 4L * floats.length : 0;
    }

    /** Class index per image; do not modify. */
    public int[] labels() {
        return labels;
    }

    public int channels() {
        return channels;
    }

    public int resolution() {
        return resolution;
    }

    public int numClasses() {
        return numClasses;
    }

    /**
     * Copies {@code length} values of image {@code image}, from value {@code from} of that image (in C x R x R
     * order), to {@code dst} at {@code dstOffset}.
     */
    public void copy(int image, int from, float[] dst, int dstOffset, int length) {
        int start = image * imageFloats() + from;
        if (floats != null) {
            System.arraycopy(floats, start, dst, dstOffset, length);
            return;
        }
        int plane = resolution * resolution;
        int done = 0;
        while (done < length) {
            int at = from + done;
            int c = at / plane;
            int run = Math.min(length - done, plane - at % plane); // the rest of this channel's plane
            float a = scale[c];
            float b = shift[c];
            for (int i = 0; i < run; i++) {
                float v = pixels[start + done + i] & 0xff;
                dst[dstOffset + done + i] = v * a + b;
            }
            done += run;
        }
    }

    /** Value {@code at} (in C x R x R order) of image {@code image}. */
    public float value(int image, int at) {
        int i = image * imageFloats() + at;
        if (floats != null) {
            return floats[i];
        }
        float v = pixels[i] & 0xff;
        int c = at / (resolution * resolution);
        return v * scale[c] + shift[c];
    }

    /** Every value as one new array (count x channels x resolution x resolution); for tools and tests. */
    public float[] toArray() {
        if (floats != null) {
            return Arrays.copyOf(floats, floats.length);
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < count(); i++) {
            copy(i, 0, out, i * imageFloats(), imageFloats());
        }
        return out;
    }
}
