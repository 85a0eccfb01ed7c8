package org.effnas.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of pixel values scaled to [0, 1], measured on the
 * training split (never on minival or test). A pixel {@code v} (0..255) of channel {@code c} becomes
 * {@code (v / 255 - mean[c]) / std[c]}.
 *
 * @param mean per-channel mean of v / 255
 * @param std  per-channel standard deviation of v / 255 (1 for a constant channel)
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("normalization: need one mean and one std per channel");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Measures a split exactly, by counting the 256 pixel values of each channel. */
    public static Normalization of(ImageSplit split) {
        int channels = split.channels();
        int plane = split.height() * split.width();
        long[][] counts = new long[channels][256];
        byte[] pixels = split.pixels();
        for (int image = 0; image < split.count(); image++) {
            for (int c = 0; c < channels; c++) {
                long[] histogram = counts[c];
                int from = (image * channels + c) * plane;
                for (int i = from; i < from + plane; i++) {
                    histogram[pixels[i] & 0xff]++;
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double n = 0;
            double sum = 0;
            double sumSquares = 0;
            for (int v = 0; v < 256; v++) {
                double x = v / 255.0;
                n += counts[c][v];
                sum += counts[c][v] * x;
                sumSquares += counts[c][v] * x * x;
            }
            double m = sum / n;
            double variance = Math.max(0, sumSquares / n - m * m);
            mean[c] = (float) m;
            std[c] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
        }
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    /** Multiplier taking a raw 0..255 value of each channel to normalised units. */
    public float[] scale() {
        float[] scale = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            scale[c] = 1f / (255f * std[c]);
        }
        return scale;
    }

    /** Offset added after {@link #scale()}; also the normalised value of a black (0) pixel. */
    public float[] shift() {
        float[] shift = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            shift[c] = -mean[c] / std[c];
        }
        return shift;
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
