package org.effnas.data;

import org.effnas.InvalidInputException;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitDatasetTest {

    private static ImageDataset data;

    @BeforeAll
    static void read() {
        data = Fixtures.fashionMini(true);
    }

    @Test
    void minivalIsDeterministicDisjointAndCoversTheTrainingSplit() {
        SplitDataset a = SplitDataset.of(data, SplitOptions.of(0.1, 0, 7));
        SplitDataset b = SplitDataset.of(data, SplitOptions.of(0.1, 0, 7));
        SplitDataset other = SplitDataset.of(data, SplitOptions.of(0.1, 0, 8));

        assertArrayEquals(a.minivalIndices(), b.minivalIndices());
        assertArrayEquals(a.trainIndices(), b.trainIndices());
        assertFalse(Arrays.equals(a.minivalIndices(), other.minivalIndices()));
        assertEquals(100, a.minivalIndices().length);
        assertEquals(900, a.trainIndices().length);
        Set<Integer> seen = new HashSet<>();
        IntStream.concat(Arrays.stream(a.minivalIndices()), Arrays.stream(a.trainIndices()))
                .forEach(i -> assertTrue(seen.add(i), "index " + i + " in both splits"));
        assertEquals(1000, seen.size());
    }

    @Test
    void minivalIsStratifiedByClass() {
        SplitDataset split = SplitDataset.of(data, SplitOptions.of(0.2, 0, 3));
        int[] all = data.train().labelHistogram(10);
        int[] held = split.split(SplitName.MINIVAL).labelHistogram(10);
        for (int c = 0; c < 10; c++) {
            assertTrue(Math.abs(held[c] - 0.2 * all[c]) < 1.0, "class " + c + ": " + held[c] + " of " + all[c]);
        }
        assertEquals(200, split.split(SplitName.MINIVAL).count());
    }

    @Test
    void subsetIsDrawnFromTrainAndLeavesMinivalUnchanged() {
        SplitDataset full = SplitDataset.of(data, SplitOptions.of(0.1, 0, 11));
        SplitDataset small = SplitDataset.of(data, SplitOptions.of(0.1, 300, 11));

        assertArrayEquals(full.minivalIndices(), small.minivalIndices());
        assertEquals(300, small.split(SplitName.TRAIN).count());
        Set<Integer> train = new HashSet<>();
        Arrays.stream(full.trainIndices()).forEach(train::add);
        Arrays.stream(small.trainIndices()).forEach(i -> assertTrue(train.contains(i)));
        int[] histogram = small.split(SplitName.TRAIN).labelHistogram(10);
        Arrays.stream(histogram).forEach(n -> assertTrue(n >= 24 && n <= 36, Arrays.toString(histogram)));
    }

    @Test
    void splitImagesAreTheSourceImagesAtTheirIndices() {
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults());
        int[] held = split.minivalIndices();
        ImageSplit minival = split.split(SplitName.MINIVAL);
        for (int k : new int[]{0, 50, 99}) {
            assertEquals(data.train().labels()[held[k]], minival.labels()[k]);
            assertEquals(data.train().pixel(held[k], 0, 14, 14), minival.pixel(k, 0, 14, 14));
        }
    }

    @Test
    void tooLargeSubsetNamesTheFieldAndTheLimit() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> SplitDataset.of(data, SplitOptions.of(0.1, 901, 0)));
        assertEquals("training.subset: 901 exceeds the 900 training images left after holding out minival;"
                + " lower it or use 0 for all", error.getMessage());
    }

    @Test
    void optionsFollowTrainingSettings() {
        SplitOptions options = SplitOptions.from(TrainingSettings.defaults().withSubset(500), 42);
        assertEquals(0.1, options.minivalFraction());
        assertEquals(500, options.subset());
        assertEquals(42, options.seed());
        assertThrows(InvalidInputException.class, () -> SplitOptions.of(1.0, 0, 0));
    }

    @Test
    void normalisationIsMeasuredOnTrainAndAppliedEverywhere() {
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults());
        ImageSplit train = split.split(SplitName.TRAIN);
        double sum = 0;
        double squares = 0;
        for (byte p : train.pixels()) {
            double v = (p & 0xff) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / train.pixels().length;
        double std = Math.sqrt(squares / train.pixels().length - mean * mean);
        assertEquals(mean, split.normalization().mean()[0], 1e-6);
        assertEquals(std, split.normalization().std()[0], 1e-6);

        float[] floats = split.floats(SplitName.TRAIN, 28).toArray();
        double floatMean = 0;
        for (float f : floats) {
            floatMean += f;
        }
        assertEquals(0.0, floatMean / floats.length, 1e-4, "train floats are centred");
        FloatImages test = split.floats(SplitName.TEST, 28);
        int pixel = split.split(SplitName.TEST).pixel(3, 0, 10, 11);
        assertEquals((pixel / 255.0 - mean) / std, test.value(3, 10 * 28 + 11), 1e-5);
    }

    @Test
    void floatsAreBuiltOncePerSplitAndResolution() {
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults());
        FloatImages at32 = split.floats(SplitName.MINIVAL, 32);
        assertSame(at32, split.floats(SplitName.MINIVAL, 32));
        assertEquals(100, at32.count());
        assertEquals(32, at32.resolution());
        assertEquals(100 * 32 * 32, at32.toArray().length);
        assertEquals(4L * 100 * 32 * 32, at32.bytes(), "resized images are held as floats");
        split.floats(SplitName.MINIVAL, 64);
        assertEquals(2, split.cachedEntries());
    }

    @Test
    void atTheStoredSizeTheImagesAreTheSplitsBytesNormalisedBitForBitAsTheResizingPassWould() {
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults());
        FloatImages native28 = split.floats(SplitName.TRAIN, 28);
        assertEquals(0, native28.bytes(), "no float copy at the stored size");
        ImageSplit train = split.split(SplitName.TRAIN);
        float[] resized = new float[784];
        float[] read = new float[784];
        BilinearResize identity = BilinearResize.of(28, 28, 28, 28);
        for (int i = 0; i < train.count(); i++) {
            identity.apply(train.pixels(), i * 784, 1, resized, 0, split.normalization().scale(),
                    split.normalization().shift());
            native28.copy(i, 0, read, 0, 784);
            assertArrayEquals(resized, read, "image " + i);
            assertEquals(Float.floatToRawIntBits(resized[500]), Float.floatToRawIntBits(native28.value(i, 500)));
        }
        float[] middle = new float[10];
        native28.copy(3, 100, middle, 0, 10);
        assertArrayEquals(Arrays.copyOfRange(native28.toArray(), 3 * 784 + 100, 3 * 784 + 110), middle);
    }

    @Test
    void cacheBudgetDropsTheLeastRecentlyUsed() {
        long oneAt64 = 4L * 100 * 64 * 64;
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults(), oneAt64 + 4L * 100 * 32 * 32);
        FloatImages at32 = split.floats(SplitName.MINIVAL, 32);
        split.floats(SplitName.MINIVAL, 64);
        assertEquals(2, split.cachedEntries());
        split.floats(SplitName.MINIVAL, 48);
        assertEquals(1, split.cachedEntries(), "both older entries dropped to fit the 48 px copy");
        assertFalse(at32 == split.floats(SplitName.MINIVAL, 32));
    }

    @Test
    void testSplitIsOnlyAvailableWhenRead() {
        SplitDataset trainOnly = SplitDataset.of(Fixtures.fashionMini(false), SplitOptions.defaults());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> trainOnly.split(SplitName.TEST));
        assertTrue(error.getMessage().contains("withTest()"));
        assertEquals("fashion-mnist/minival", trainOnly.describe(SplitName.MINIVAL));
        assertEquals(data.train().sha256(), trainOnly.checksum(SplitName.MINIVAL));
    }

    @Test
    void flippingDigitsIsRefused() {
        ImageDataset digits = new ImageDataset(DatasetKind.MNIST, DatasetLoader.MNIST_CLASSES, data.train(), null,
                data.train().sha256());
        SplitDataset split = SplitDataset.of(digits, SplitOptions.defaults());
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> split.trainIterator(28, 32, Augmentation.of(true, true), 0));
        assertTrue(error.getMessage().startsWith("augmentation.flip:"), error.getMessage());
        assertEquals(900, split.trainIterator(28, 32, Augmentation.standard(DatasetKind.MNIST), 0).numExamples());
    }

    @Test
    void defaultPaddingScalesWithResolution() {
        Augmentation augmentation = Augmentation.standard(DatasetKind.CIFAR10);
        assertEquals(4, augmentation.paddingAt(32));
        assertEquals(4, augmentation.paddingAt(28));
        assertEquals(8, augmentation.paddingAt(64));
        assertEquals(0, Augmentation.none().paddingAt(64));
        assertTrue(augmentation.flip());
        assertFalse(Augmentation.standard(DatasetKind.FASHION_MNIST).flip());
    }
}
