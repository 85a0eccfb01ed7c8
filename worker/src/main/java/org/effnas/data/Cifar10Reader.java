package org.effnas.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 binary version: each file is a sequence of 3073-byte records, one label byte
 * (0..9) then 1024 red, 1024 green and 1024 blue bytes of a 32x32 image in row-major order, which
 * is already the C x H x W layout effnas stores.
 */
public final class Cifar10Reader {

    public static final int SIZE = 32;
    public static final int CHANNELS = 3;
    public static final int RECORD_BYTES = 1 + CHANNELS * SIZE * SIZE;
    /** The class names of CIFAR-10 in label order, used when {@code batches.meta.txt} is absent. */
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    /** File names of the training batches, in order. */
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    public static final String META_FILE = "batches.meta.txt";
    /** Most records read from one batch file (CIFAR-10's hold 10,000 each). */
    public static final int MAX_RECORDS_PER_FILE = 100_000;
    /** Most records read from all batch files together (what one pixel array holds: 600,000 x 3,072 bytes). */
    public static final int MAX_RECORDS = 600_000;

    private static final String RECOPY = "the file is damaged or incomplete: extract it again from the CIFAR-10"
            + " binary archive (cifar-10-binary.tar.gz)";

    private Cifar10Reader() {
    }

    /** Reads and concatenates batch files (gzip-compressed copies are read too). */
    public static ImageSplit read(List<Path> files, int numClasses) {
        List<DataFile> read = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            DataFile data = DataFile.read(file, (long) MAX_RECORDS_PER_FILE * RECORD_BYTES);
            int length = data.content().length;
            if (length == 0 || length % RECORD_BYTES != 0) {
                throw new DataFileException(file, length + " bytes is not a whole number of " + RECORD_BYTES
                        + "-byte CIFAR-10 records (" + (length / RECORD_BYTES) + " records and "
                        + (length % RECORD_BYTES) + " bytes left over)", RECOPY);
            }
            read.add(data);
            total += length / RECORD_BYTES;
        }
        if (total > MAX_RECORDS) {
            throw new DataFileException(files.get(0), "the files hold " + total + " records together, more than the "
                    + MAX_RECORDS + " effnas reads into memory", "use fewer or smaller batch files");
        }
        int count = (int) total;
        int imageBytes = RECORD_BYTES - 1;
        byte[] pixels = new byte[count * imageBytes];
        int[] labels = new int[count];
        List<String> sums = new ArrayList<>();
        int image = 0;
        for (DataFile data : read) {
            byte[] b = data.content();
            for (int record = 0; record * RECORD_BYTES < b.length; record++, image++) {
                int at = record * RECORD_BYTES;
                int label = b[at] & 0xff;
                if (label >= numClasses) {
                    throw new DataFileException(data.path(), "label " + label + " of record " + record
                            + " is outside 0.." + (numClasses - 1)
                            + " (is this the CIFAR-100 binary, whose records have two label bytes?)", RECOPY);
                }
                labels[image] = label;
                System.arraycopy(b, at + 1, pixels, image * imageBytes, imageBytes);
            }
            sums.add(data.sha256());
        }
        return ImageSplit.of(pixels, labels, CHANNELS, SIZE, SIZE, Sha256.combine(sums));
    }

    /** Class names from {@code batches.meta.txt} in {@code dir} (one per line), else the standard ten. */
    public static List<String> classNames(Path dir) {
        Path meta = dir.resolve(META_FILE);
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (names.size() != CLASS_NAMES.size()) {
                throw new DataFileException(meta, "lists " + names.size() + " class names, CIFAR-10 has "
                        + CLASS_NAMES.size(), "restore the original file or delete it to use the standard names");
            }
            return names;
        } catch (IOException e) {
            throw new DataFileException(meta, "cannot read (" + e.getMessage() + ")",
                    "restore the original file or delete it to use the standard names", e);
        }
    }
}
