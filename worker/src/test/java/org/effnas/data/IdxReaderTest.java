package org.effnas.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class IdxReaderTest {

    private static final int IMAGE_BYTES = 28 * 28;

    @Test
    void readsCountsShapesAndLabelHistogramOfTheFixture() {
        ImageSplit train = IdxReader.read(Fixtures.file(Fixtures.TRAIN_IMAGES), Fixtures.file(Fixtures.TRAIN_LABELS), 10);
        ImageSplit test = IdxReader.read(Fixtures.file(Fixtures.TEST_IMAGES), Fixtures.file(Fixtures.TEST_LABELS), 10);

        assertEquals(Fixtures.TRAIN_COUNT, train.count());
        assertEquals(Fixtures.TEST_COUNT, test.count());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        // Counted independently (numpy) from the first 1000 / 500 records of the Debian package's files.
        assertArrayEquals(new int[]{107, 104, 86, 92, 95, 100, 100, 115, 102, 99}, train.labelHistogram(10));
        assertArrayEquals(new int[]{55, 52, 65, 46, 57, 39, 47, 47, 44, 48}, test.labelHistogram(10));
        assertArrayEquals(new int[]{9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
        assertArrayEquals(new int[]{9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
    }

    @Test
    void knownPixelsMatchTheRawFile() {
        ImageSplit train = IdxReader.read(Fixtures.file(Fixtures.TRAIN_IMAGES), Fixtures.file(Fixtures.TRAIN_LABELS), 10);
        // Row 14 of the first training image (an ankle boot), as numpy reads it.
        int[] row14 = {0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229,
                215, 218, 255, 77, 0};
        for (int x = 0; x < 28; x++) {
            assertEquals(row14[x], train.pixel(0, 0, 14, x), "x=" + x);
        }
        byte[] raw = Fixtures.gunzipped(Fixtures.TRAIN_IMAGES);
        for (int image : new int[]{0, 1, 499, 999}) {
            for (int offset : new int[]{0, 100, 406, 783}) {
                assertEquals(raw[16 + image * IMAGE_BYTES + offset], train.pixels()[image * IMAGE_BYTES + offset]);
            }
        }
        assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), train.pixels());
    }

    @Test
    void gzipAndRawCopiesReadTheSame(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(images, Fixtures.gunzipped(Fixtures.TRAIN_IMAGES));
        Files.write(labels, Fixtures.gunzipped(Fixtures.TRAIN_LABELS));

        ImageSplit gz = IdxReader.read(Fixtures.file(Fixtures.TRAIN_IMAGES), Fixtures.file(Fixtures.TRAIN_LABELS), 10);
        ImageSplit raw = IdxReader.read(images, labels, 10);

        assertArrayEquals(gz.pixels(), raw.pixels());
        assertArrayEquals(gz.labels(), raw.labels());
        // The checksum is of the files as stored, so the two copies are told apart.
        assertNotEquals(gz.sha256(), raw.sha256());
        assertEquals(64, raw.sha256().length());
    }

    @Test
    void checksumIsStableAndCoversBothFiles() {
        ImageSplit first = IdxReader.read(Fixtures.file(Fixtures.TRAIN_IMAGES), Fixtures.file(Fixtures.TRAIN_LABELS), 10);
        ImageSplit again = IdxReader.read(Fixtures.file(Fixtures.TRAIN_IMAGES), Fixtures.file(Fixtures.TRAIN_LABELS), 10);
        assertEquals(first.sha256(), again.sha256());
        assertNotEquals(DataFile.read(Fixtures.file(Fixtures.TRAIN_IMAGES)).sha256(), first.sha256());
    }
}
