package org.effnas.worker.batchnorm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the batch-norm kernels walk one channel of a dense NCHW array: the channel's values form one
 * contiguous run of H*W per image, cut here into rows of at most {@link #MAX_ROW} values so that a
 * row's working arrays stay in a core's cache. Row {@code r} of channel {@code c} starts at
 * {@link #start} and holds {@link #length} values.
 */
final class ChannelRows {

    /** The longest row: 4 KiB floats, six working arrays of which fit in a 128 KiB L2 slice. */
    static final int MAX_ROW = 4096;

    final int images;
    final int channels;
    final int plane;
    private final int rowsPerPlane;

    ChannelRows(INDArray x) {
        this.images = (int) x.size(0);
        this.channels = (int) x.size(1);
        this.plane = (int) (x.size(2) * x.size(3));
        this.rowsPerPlane = (plane + MAX_ROW - 1) / MAX_ROW;
    }

    /** Rows per channel over the whole batch. */
    int rows() {
        return images * rowsPerPlane;
    }

    /** Values per channel over the whole batch (N*H*W). */
    long valuesPerChannel() {
        return (long) images * plane;
    }

    /** The c-order index of row {@code r}'s first value in channel {@code c}. */
    int start(int c, int r) {
        int image = r / rowsPerPlane;
        return (image * channels + c) * plane + (r % rowsPerPlane) * MAX_ROW;
    }

    /** The number of values in row {@code r}. */
    int length(int r) {
        int part = r % rowsPerPlane;
        return Math.min(MAX_ROW, plane - part * MAX_ROW);
    }

    /** The longest row (the size working arrays need). */
    int longest() {
        return Math.min(MAX_ROW, plane);
    }
}
