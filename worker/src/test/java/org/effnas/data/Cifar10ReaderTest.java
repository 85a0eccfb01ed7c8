package org.effnas.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CIFAR-10 binary layout, on batch files written from the Fashion-MNIST fixture (red = the
 * image resized to 32 px, green = its negative, blue = a per-image constant) so that every byte
 * read back can be checked.
 */
class Cifar10ReaderTest {

    private static ImageSplit source;

    @BeforeAll
    static void readSource() {
        source = Fixtures.fashionMini(false).train();
    }

    /** The 3073-byte record of fixture image {@code i}. */
    private static byte[] record(int i) {
        byte[] red = BilinearResize.of(28, 28, 32, 32).applyToBytes(source.pixels(), i * 784, 1);
        byte[] out = new byte[Cifar10Reader.RECORD_BYTES];
        out[0] = (byte) source.labels()[i];
        for (int p = 0; p < 1024; p++) {
            out[1 + p] = red[p];
            out[1 + 1024 + p] = (byte) (255 - (red[p] & 0xff));
            out[1 + 2048 + p] = (byte) i;
        }
        return out;
    }

    private static void writeBatch(Path file, int from, int count) throws IOException {
        byte[] all = new byte[count * Cifar10Reader.RECORD_BYTES];
        for (int i = 0; i < count; i++) {
            System.arraycopy(record(from + i), 0, all, i * Cifar10Reader.RECORD_BYTES, Cifar10Reader.RECORD_BYTES);
        }
        Files.write(file, all);
    }

    /** Five training batches of 20 records and a test batch of 10. */
    private static Path writeDataset(Path dir) throws IOException {
        for (int b = 0; b < 5; b++) {
            writeBatch(dir.resolve(Cifar10Reader.TRAIN_FILES.get(b)), b * 20, 20);
        }
        writeBatch(dir.resolve(Cifar10Reader.TEST_FILE), 100, 10);
        return dir;
    }

    @Test
    void readsEveryChannelOfEveryRecordInOrder(@TempDir Path dir) throws IOException {
        writeDataset(dir);
        ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.CIFAR10, dir).withTest());

        assertEquals(100, data.train().count());
        assertEquals(10, data.test().count());
        assertEquals(3, data.channels());
        assertEquals(32, data.height());
        assertEquals(Cifar10Reader.CLASS_NAMES, data.classNames());
        for (int i : new int[]{0, 19, 20, 57, 99}) {
            byte[] expected = record(i);
            assertEquals(expected[0] & 0xff, data.train().labels()[i]);
            assertArrayEquals(Arrays.copyOfRange(expected, 1, expected.length),
                    Arrays.copyOfRange(data.train().pixels(), i * 3072, (i + 1) * 3072), "image " + i);
        }
        assertEquals(105, data.test().pixel(5, 2, 31, 31));
        assertEquals(255 - data.test().pixel(3, 0, 10, 12), data.test().pixel(3, 1, 10, 12));
    }

    @Test
    void findsTheExtractedFolderAndReadsClassNamesFromMeta(@TempDir Path dir) throws IOException {
        Path nested = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        writeDataset(nested);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add("class" + c);
        }
        Files.write(nested.resolve(Cifar10Reader.META_FILE), names);

        ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.CIFAR10, dir));

        assertEquals(names, data.classNames());
        assertEquals(100, data.train().count());
        assertEquals(null, data.test());
    }

    @Test
    void partialRecordIsReported(@TempDir Path dir) throws IOException {
        writeDataset(dir);
        Path third = dir.resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(third);
        Files.write(third, Arrays.copyOf(bytes, bytes.length - 100));

        DataFileException error = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.CIFAR10, dir)));

        assertTrue(error.getMessage().startsWith(third.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not a whole number of 3073-byte CIFAR-10 records (19 records and"
                + " 2973 bytes left over)"), error.getMessage());
        assertTrue(error.getMessage().contains("extract it again"), error.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported(@TempDir Path dir) throws IOException {
        writeDataset(dir);
        Path test = dir.resolve(Cifar10Reader.TEST_FILE);
        byte[] bytes = Files.readAllBytes(test);
        bytes[4 * Cifar10Reader.RECORD_BYTES] = 42;
        Files.write(test, bytes);

        DataFileException error = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.CIFAR10, dir).withTest()));

        assertTrue(error.getMessage().startsWith(test.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("label 42 of record 4 is outside 0..9"), error.getMessage());
    }

    @Test
    void missingBatchSaysWhichFileAndWhatToPass(@TempDir Path dir) throws IOException {
        writeDataset(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));

        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.CIFAR10, dir)));

        assertTrue(error.getMessage().contains("no data_batch_4.bin"), error.getMessage());
        assertTrue(error.getMessage().contains("cifar-10-batches-bin"), error.getMessage());
    }
}
