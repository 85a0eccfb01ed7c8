package org.effnas.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (gzip or raw, told apart by their first bytes).
 * An IDX file is a big-endian header (two zero bytes, a type byte, the number of dimensions, one
 * 32-bit size per dimension) followed by the data; effnas reads unsigned-byte files only: magic
 * 2049 for labels (1 dimension) and 2051 for images (3 dimensions: count, rows, columns).
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte, one-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an unsigned-byte, three-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;

    private static final String RECOPY = "the file is damaged or incomplete: copy it again from the dataset package"
            + " or its original archive";

    private static final long EXTRA_BYTES_REPORTED = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an images file and its labels file into one grayscale split.
     *
     * @param numClasses labels must be below this
     */
    public static ImageSplit read(Path imagesFile, Path labelsFile, int numClasses) {
        // The headers are read first, so the files are read only as far as their headers allow.
        int[] imageDims = header(new DataFile(imagesFile, DataFile.head(imagesFile, 16), ""), IMAGES_MAGIC, 3);
        int[] labelDims = header(new DataFile(labelsFile, DataFile.head(labelsFile, 8), ""), LABELS_MAGIC, 1);
        int count = imageDims[0];
        int rows = imageDims[1];
        int cols = imageDims[2];
        if (count == 0) {
            throw new DataFileException(imagesFile, "header announces 0 images, so the split would be empty", RECOPY);
        }
        if (rows < 1 || cols < 1) {
            throw new DataFileException(imagesFile, "header says images are " + rows + "x" + cols, RECOPY);
        }
        if (labelDims[0] != count) {
            throw new DataFileException(labelsFile, "holds " + labelDims[0] + " labels but " + imagesFile.getFileName()
                    + " holds " + count + " images", "use the labels file that belongs to those images"
                    + " (train-labels with train-images, t10k-labels with t10k-images)");
        }
        long pixelCount = (long) count * rows * cols;
        if (pixelCount > DataFile.MAX_CONTENT_BYTES - 16) {
            throw new DataFileException(imagesFile, "header announces " + pixelCount + " pixels, more than the "
                    + DataFile.MAX_CONTENT_BYTES + " bytes effnas reads from one file",
                    "split the file or use an image-folder dataset");
        }
        // a little slack past the announced size, so a few extra bytes are reported exactly
        DataFile images = DataFile.read(imagesFile, 16 + pixelCount + EXTRA_BYTES_REPORTED);
        DataFile labels = DataFile.read(labelsFile, 8L + count + EXTRA_BYTES_REPORTED);
        byte[] pixels = body(images, 16, (int) pixelCount, count + " images of " + rows + "x" + cols);
        byte[] labelBytes = body(labels, 8, count, count + " labels");
        int[] labelValues = new int[count];
        for (int i = 0; i < count; i++) {
            int label = labelBytes[i] & 0xff;
            if (label >= numClasses) {
                throw new DataFileException(labelsFile, "label " + label + " of example " + i + " is outside 0.."
                        + (numClasses - 1), RECOPY);
            }
            labelValues[i] = label;
        }
        String sha = Sha256.combine(List.of(images.sha256(), labels.sha256()));
        return ImageSplit.of(pixels, labelValues, 1, rows, cols, sha);
    }

    /** Checks the magic number and returns the dimension sizes. */
    private static int[] header(DataFile file, int expectedMagic, int dims) {
        byte[] b = file.content();
        String what = expectedMagic == IMAGES_MAGIC ? "IDX images (2051)" : "IDX labels (2049)";
        if (b.length < 4) {
            throw new DataFileException(file.path(), "only " + b.length + " bytes, too short for an IDX header",
                    RECOPY);
        }
        int magic = readInt(b, 0);
        if (magic != expectedMagic) {
            String found = magic == LABELS_MAGIC ? "an IDX labels file (2049)"
                    : magic == IMAGES_MAGIC ? "an IDX images file (2051)"
                    : "magic number " + magic + " (0x" + Integer.toHexString(magic) + ")";
            throw new DataFileException(file.path(), "expected " + what + " but found " + found,
                    magic == LABELS_MAGIC || magic == IMAGES_MAGIC
                            ? "the images and labels files are swapped: check the file names"
                            : "this is not an IDX file: " + RECOPY);
        }
        int headerBytes = 4 + 4 * dims;
        if (b.length < headerBytes) {
            throw new DataFileException(file.path(), "truncated header (" + b.length + " of " + headerBytes
                    + " bytes)", RECOPY);
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = readInt(b, 4 + 4 * d);
            if (sizes[d] < 0) {
                throw new DataFileException(file.path(), "negative size " + sizes[d] + " in the header", RECOPY);
            }
        }
        return sizes;
    }

    /** The data after the header, which must be exactly as long as the header says. */
    private static byte[] body(DataFile file, int offset, int length, String announced) {
        byte[] b = file.content();
        long available = (long) b.length - offset;
        if (available < length) {
            throw new DataFileException(file.path(), "truncated: header announces " + announced + " (" + length
                    + " bytes) but only " + available + " bytes follow", RECOPY);
        }
        if (available > length) {
            throw new DataFileException(file.path(), (available - length) + " bytes more than the header's "
                    + announced, RECOPY);
        }
        byte[] out = new byte[length];
        System.arraycopy(b, offset, out, 0, length);
        return out;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
