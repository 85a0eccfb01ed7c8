package org.effnas.data;

/**
 * One split of a dataset in memory as read: {@code count} images stored as unsigned bytes in
 * N x C x H x W order, with their class labels. Arrays are shared, not copied: treat them as
 * read-only.
 *
 * @param pixels   count * channels * height * width bytes, each 0..255 (read with {@code & 0xff})
 * @param labels   one class index per image
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height   image height in pixels
 * @param width    image width in pixels
 * @param sha256   checksum of the files this split was read from
 */
public record ImageSplit(byte[] pixels, int[] labels, int channels, int height, int width, String sha256) {

    public ImageSplit {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image split: channels, height and width must be >= 1, got "
                    + channels + "x" + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("image split: " + labels.length + " images of " + channels + "x"
                    + height + "x" + width + " need " + expected + " bytes, got " + pixels.length);
        }
    }

    public static ImageSplit of(byte[] pixels, int[] labels, int channels, int height, int width, String sha256) {
        return new ImageSplit(pixels, labels, channels, height, width, sha256);
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Bytes per image: channels * height * width. */
    public int imageBytes() {
        return channels * height * width;
    }

    /** The pixel value (0..255) of image {@code image}, channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int image, int c, int y, int x) {
        return pixels[((image * channels + c) * height + y) * width + x] & 0xff;
    }

    /** How many images each class has; {@code numClasses} bounds the histogram. */
    public int[] labelHistogram(int numClasses) {
        int[] histogram = new int[numClasses];
        for (int label : labels) {
            histogram[label]++;
        }
        return histogram;
    }

    /** A new split holding the given images, in the given order (same checksum: same source files). */
    public ImageSplit select(int[] indices) {
        int size = imageBytes();
        byte[] chosenPixels = new byte[indices.length * size];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, chosenPixels, i * size, size);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSplit(chosenPixels, chosenLabels, channels, height, width, sha256);
    }
}
