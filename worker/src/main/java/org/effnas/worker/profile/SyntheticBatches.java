package org.effnas.worker.profile;

import java.util.List;
import java.util.stream.IntStream;
import org.effnas.InvalidInputException;
import org.effnas.spec.ArchSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One fixed batch of random N(0, 1) images of a spec's input shape with random one-hot labels, returned
 * by every {@link #next()}: input for speed measurements where no dataset has the shape (3 channels at
 * 224 px, say). The cost of a training step does not depend on the pixel values; nothing learnt from
 * it means anything.
 */
public final class SyntheticBatches implements DataSetIterator {

    private final DataSet batch;
    private final int size;
    private final List<String> labels;

    private SyntheticBatches(DataSet batch, int size, List<String> labels) {
        this.batch = batch;
        this.size = size;
        this.labels = labels;
    }

    /** A fixed batch of {@code batchSize} images for {@code spec}, drawn from {@code seed}. */
    public static SyntheticBatches of(ArchSpec spec, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new InvalidInputException("--batch: must be >= 1, got " + batchSize);
        }
        Nd4j.getRandom().setSeed(seed);
        int r = spec.resolution();
        INDArray x = Nd4j.randn(DataType.FLOAT, batchSize, spec.inChannels(), r, r);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, spec.classes());
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, random.nextInt(spec.classes()), 1f);
        }
        List<String> names = IntStream.range(0, spec.classes()).mapToObj(Integer::toString).toList();
        return new SyntheticBatches(new DataSet(x, y), batchSize, names);
    }

    @Override
    public DataSet next(int num) {
        return batch;
    }

    @Override
    public DataSet next() {
        return batch;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public int inputColumns() {
        return (int) (batch.getFeatures().length() / size);
    }

    @Override
    public int totalOutcomes() {
        return labels.size();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
    }

    @Override
    public int batch() {
        return size;
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("synthetic batches take no preprocessor");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }
}
