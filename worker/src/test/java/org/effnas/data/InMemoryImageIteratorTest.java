package org.effnas.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryImageIteratorTest {

    private static SplitDataset split;

    @BeforeAll
    static void read() {
        split = SplitDataset.of(Fixtures.fashionMini(false), SplitOptions.defaults());
    }

    /** The image at epoch position {@code k} of a batch, as a flat float array. */
    private static float[] image(DataSet batch, int k) {
        INDArray features = batch.getFeatures();
        long size = features.length() / features.size(0);
        float[] all = features.data().asFloat();
        return Arrays.copyOfRange(all, (int) (k * size), (int) ((k + 1) * size));
    }

    private static float[] source(FloatImages images, int index) {
        int size = images.imageFloats();
        float[] out = new float[size];
        images.copy(index, 0, out, 0, size);
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 64})
    void everyImageOnceperEpochWithMatchingFeaturesAndOneHotLabels(int resolution) {
        InMemoryImageIterator it = split.trainIterator(resolution, 128, Augmentation.none(), 5);
        FloatImages floats = split.floats(SplitName.TRAIN, resolution);

        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = it.epochOrder();
            int[] visits = new int[floats.count()];
            int position = 0;
            List<Long> batchSizes = new ArrayList<>();
            while (it.hasNext()) {
                DataSet batch = it.next();
                long n = batch.getFeatures().size(0);
                batchSizes.add(n);
                assertArrayEquals(new long[]{n, 1, resolution, resolution}, batch.getFeatures().shape());
                assertEquals(DataType.FLOAT, batch.getFeatures().dataType());
                assertArrayEquals(new long[]{n, 10}, batch.getLabels().shape());
                for (int k = 0; k < n; k++) {
                    int index = order[position + k];
                    visits[index]++;
                    INDArray label = batch.getLabels().getRow(k);
                    assertEquals(1.0, label.sumNumber().doubleValue(), 1e-9);
                    assertEquals(1.0f, label.getFloat(floats.labels()[index]));
                    if (k % 37 == 0) {
                        assertArrayEquals(source(floats, index), image(batch, k));
                    }
                }
                position += (int) n;
            }
            assertEquals(List.of(128L, 128L, 128L, 128L, 128L, 128L, 128L, 4L), batchSizes);
            assertTrue(Arrays.stream(visits).allMatch(v -> v == 1), "every image exactly once in epoch " + epoch);
            assertEquals(epoch, it.epoch());
            assertThrows(NoSuchElementException.class, it::next);
            it.reset();
        }
    }

    @Test
    void orderIsSeededPerEpochAndEvaluationIsInStoredOrder() {
        InMemoryImageIterator a = split.trainIterator(28, 64, Augmentation.none(), 1);
        InMemoryImageIterator b = split.trainIterator(28, 64, Augmentation.none(), 1);
        InMemoryImageIterator c = split.trainIterator(28, 64, Augmentation.none(), 2);
        int[] first = a.epochOrder();
        assertArrayEquals(first, b.epochOrder());
        assertFalse(Arrays.equals(first, c.epochOrder()));
        a.reset();
        assertFalse(Arrays.equals(first, a.epochOrder()), "a new order each epoch");
        b.reset();
        assertArrayEquals(a.epochOrder(), b.epochOrder());

        InMemoryImageIterator eval = split.evalIterator(SplitName.MINIVAL, 32, 50);
        assertArrayEquals(java.util.stream.IntStream.range(0, 100).toArray(), eval.epochOrder());
        eval.reset();
        assertArrayEquals(java.util.stream.IntStream.range(0, 100).toArray(), eval.epochOrder());
        assertEquals(2, eval.batchesPerEpoch());
        assertEquals(1024, eval.inputColumns());
        assertEquals(10, eval.totalOutcomes());
        assertEquals(DatasetLoader.FASHION_MNIST_CLASSES, eval.getLabels());
    }

    @Test
    void buffersAreReusedBetweenBatchesOfOneSize() {
        InMemoryImageIterator it = split.evalIterator(SplitName.MINIVAL, 28, 40);
        DataSet first = it.next();
        INDArray features = first.getFeatures();
        float[] firstImage = image(first, 0);
        DataSet second = it.next();
        assertSame(features, second.getFeatures());
        assertFalse(Arrays.equals(firstImage, image(second, 0)), "contents replaced in place");
        assertEquals(20, it.next().getFeatures().size(0));
        assertFalse(it.hasNext());
    }

    @Test
    void flipMirrorsEveryRowOrLeavesTheImage() {
        InMemoryImageIterator it = split.trainIterator(28, 100, new Augmentation(false, 0, true), 9);
        FloatImages floats = split.floats(SplitName.TRAIN, 28);
        int[] order = it.epochOrder();
        DataSet batch = it.next();
        int flipped = 0;
        for (int k = 0; k < 100; k++) {
            float[] original = source(floats, order[k]);
            float[] seen = image(batch, k);
            float[] mirrored = new float[original.length];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    mirrored[y * 28 + x] = original[y * 28 + 27 - x];
                }
            }
            boolean same = Arrays.equals(original, seen);
            boolean mirror = Arrays.equals(mirrored, seen);
            assertTrue(same || mirror, "image " + k + " is neither itself nor its mirror");
            flipped += mirror && !same ? 1 : 0;
        }
        assertTrue(flipped > 30 && flipped < 70, flipped + " of 100 flipped with p = 1/2");
    }

    @Test
    void cropIsAShiftWithinThePaddingFilledWithBlack() {
        int padding = 3;
        InMemoryImageIterator it = split.trainIterator(28, 50, new Augmentation(true, padding, false), 4);
        FloatImages floats = split.floats(SplitName.TRAIN, 28);
        float black = split.normalization().shift()[0];
        int[] order = it.epochOrder();
        DataSet batch = it.next();
        int shifted = 0;
        for (int k = 0; k < 50; k++) {
            float[] original = source(floats, order[k]);
            float[] seen = image(batch, k);
            boolean matched = false;
            for (int dy = -padding; dy <= padding && !matched; dy++) {
                for (int dx = -padding; dx <= padding && !matched; dx++) {
                    matched = Arrays.equals(seen, shift(original, dx, dy, black));
                    if (matched && (dx != 0 || dy != 0)) {
                        shifted++;
                    }
                }
            }
            assertTrue(matched, "image " + k + " is not a padded crop of its source");
        }
        assertTrue(shifted > 40, shifted + " of 50 moved");
    }

    private static float[] shift(float[] image, int dx, int dy, float pad) {
        float[] out = new float[image.length];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int sy = y + dy;
                int sx = x + dx;
                out[y * 28 + x] = sy >= 0 && sy < 28 && sx >= 0 && sx < 28 ? image[sy * 28 + sx] : pad;
            }
        }
        return out;
    }

    @Test
    void augmentationIsReproducibleUnderTheSeed() {
        Augmentation augmentation = Augmentation.standard(DatasetKind.CIFAR10);
        InMemoryImageIterator a = split.trainIterator(32, 64, augmentation, 21);
        InMemoryImageIterator b = split.trainIterator(32, 64, augmentation, 21);
        assertArrayEquals(a.next().getFeatures().data().asFloat(), b.next().getFeatures().data().asFloat());
    }
}
