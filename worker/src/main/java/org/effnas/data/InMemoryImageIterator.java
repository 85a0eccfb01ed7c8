package org.effnas.data;

import org.effnas.InvalidInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A DL4J iterator over one split held in memory as normalised floats: NCHW float32 features and
 * one-hot float32 labels. Each epoch visits every image exactly once (the last batch may be
 * smaller). The first pass is epoch 0; {@link #reset()} starts the next epoch, with an order and
 * augmentation drawn from (seed, epoch) alone, so a run is reproducible whatever the batch timing.
 *
 * <p>Batches are built into buffers reused from call to call: a {@link DataSet} returned by
 * {@link #next()} is valid until the following call. That is what {@code fit} and {@code evaluate}
 * need; copy the arrays ({@code ds.copy()}) to keep a batch longer. Async prefetch is declined for
 * the same reason (assembly costs well under a millisecond per batch anyway).
 */
public final class InMemoryImageIterator implements DataSetIterator {

    private static final long ORDER_SALT = 0x5DEECE66DL;
    private static final long AUGMENT_SALT = 0x2545F4914F6CDD1DL;

    private final FloatImages images;
    private final List<String> classNames;
    private final int batchSize;
    private final boolean shuffle;
    private final Augmentation augmentation;
    private final int padding;
    private final float[] padValue;
    private final long seed;
    private final int[] order;
    private final Map<Integer, DataSet> buffers = new HashMap<>();
    private float[] featureStage = new float[0];
    private float[] labelStage = new float[0];
    private Random augmentRandom;
    private DataSetPreProcessor preProcessor;
    private int cursor;
    private int epoch;

    /**
     * @param padValue the normalised value of a black pixel per channel, used for crop padding
     */
    InMemoryImageIterator(FloatImages images, List<String> classNames, int batchSize, boolean shuffle,
                          Augmentation augmentation, float[] padValue, long seed) {
        if (batchSize < 1) {
            throw new InvalidInputException("training.batch_size: must be >= 1, got " + batchSize);
        }
        if (images.count() == 0) {
            throw new IllegalArgumentException("cannot iterate over an empty split");
        }
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.augmentation = augmentation;
        this.padding = augmentation.paddingAt(images.resolution());
        this.padValue = padValue.clone();
        this.seed = seed;
        this.order = new int[images.count()];
        startEpoch(0);
    }

    private void startEpoch(int newEpoch) {
        epoch = newEpoch;
        cursor = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            StratifiedSampler.shuffle(order, new Random(mix(seed ^ ORDER_SALT, epoch)));
        }
        augmentRandom = new Random(mix(seed ^ AUGMENT_SALT, epoch));
    }

    /** SplitMix64 finaliser: distinct, well-spread seeds for every (seed, epoch). */
    private static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The epoch being iterated (0 for the first pass). */
    public int epoch() {
        return epoch;
    }

    /** Images per epoch. */
    public int numExamples() {
        return images.count();
    }

    /** Batches per epoch (the last may be smaller). */
    public int batchesPerEpoch() {
        return (images.count() + batchSize - 1) / batchSize;
    }

    /** The image index (into the split) at each position of the current epoch. */
    public int[] epochOrder() {
        return order.clone();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, order.length - cursor);
        if (n <= 0) {
            throw new NoSuchElementException("epoch " + epoch + " is over: call reset() for the next one");
        }
        int size = images.imageFloats();
        int classes = images.numClasses();
        if (featureStage.length < n * size) {
            featureStage = new float[n * size];
            labelStage = new float[n * classes];
        }
        Arrays.fill(labelStage, 0, n * classes, 0f);
        for (int i = 0; i < n; i++) {
            int index = order[cursor + i];
            copyImage(index, featureStage, i * size);
            labelStage[i * classes + images.labels()[index]] = 1f;
        }
        cursor += n;
        DataSet batch = buffers.computeIfAbsent(n, this::allocate);
        batch.getFeatures().data().asNioFloat().put(featureStage, 0, n * size);
        batch.getLabels().data().asNioFloat().put(labelStage, 0, n * classes);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Buffers for batches of {@code n}, made outside any workspace so they outlive DL4J's scopes. */
    private DataSet allocate(int n) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int r = images.resolution();
            INDArray features = Nd4j.create(DataType.FLOAT, n, images.channels(), r, r);
            INDArray labels = Nd4j.create(DataType.FLOAT, n, images.numClasses());
            return new DataSet(features, labels);
        }
    }

    /** Copies one image into the stage, cropping with padding and flipping as the augmentation draws. */
    private void copyImage(int index, float[] dst, int dstOffset) {
        int size = images.imageFloats();
        if (augmentation.isNone()) {
            images.copy(index, 0, dst, dstOffset, size);
            return;
        }
        int dx = padding > 0 ? augmentRandom.nextInt(2 * padding + 1) - padding : 0;
        int dy = padding > 0 ? augmentRandom.nextInt(2 * padding + 1) - padding : 0;
        boolean mirror = augmentation.flip() && augmentRandom.nextBoolean();
        int r = images.resolution();
        for (int c = 0; c < images.channels(); c++) {
            float pad = padValue[c];
            for (int y = 0; y < r; y++) {
                int out = dstOffset + (c * r + y) * r;
                int sy = y + dy;
                if (sy < 0 || sy >= r) {
                    Arrays.fill(dst, out, out + r, pad);
                    continue;
                }
                int row = (c * r + sy) * r;
                if (mirror) {
                    for (int x = 0; x < r; x++) {
                        int sx = r - 1 - x + dx;
                        dst[out + x] = sx >= 0 && sx < r ? images.value(index, row + sx) : pad;
                    }
                } else {
                    int from = Math.max(0, -dx);
                    int to = Math.min(r, r - dx);
                    Arrays.fill(dst, out, out + from, pad);
                    images.copy(index, row + from + dx, dst, out + from, to - from);
                    Arrays.fill(dst, out + to, out + r, pad);
                }
            }
        }
    }

    @Override
    public int inputColumns() {
        return images.imageFloats();
    }

    @Override
    public int totalOutcomes() {
        return images.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch: a fresh seeded order (when shuffling) and fresh augmentation draws. */
    @Override
    public void reset() {
        startEpoch(epoch + 1);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return classNames;
    }
}
