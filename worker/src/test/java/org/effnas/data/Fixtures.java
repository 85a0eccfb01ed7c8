package org.effnas.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The committed Fashion-MNIST subset (first 1000 train and 500 test images of the real files). */
final class Fixtures {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    static final int TRAIN_COUNT = 1000;
    static final int TEST_COUNT = 500;

    private Fixtures() {
    }

    static Path fashionMiniDir() {
        try {
            return Path.of(Fixtures.class.getResource("/data/fashion-mnist-mini").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return fashionMiniDir().resolve(name);
    }

    /** A fixture file's bytes, gunzipped independently of the code under test. */
    static byte[] gunzipped(String name) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(name)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's training split, read through the IDX reader. */
    static ImageDataset fashionMini(boolean withTest) {
        DatasetRequest request = DatasetRequest.of(DatasetKind.FASHION_MNIST, fashionMiniDir());
        return DatasetLoader.load(withTest ? request.withTest() : request);
    }

    /** Copies the four fixture files into {@code dir} (to corrupt one of them). */
    static void copyInto(Path dir) throws IOException {
        for (String name : new String[]{TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            Files.copy(file(name), dir.resolve(name));
        }
    }
}
