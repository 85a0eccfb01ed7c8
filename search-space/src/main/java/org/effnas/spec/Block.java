package org.effnas.spec;

/**
 * One block of an expanded spec, after applying the repeat rule of {@link Stage}.
 *
 * @param index position among all blocks of the network (0-based), which sets its drop-connect rate
 * @param stage index of the stage it belongs to (0-based)
 */
public record Block(int index, int stage, BlockOp op, int kernel, int stride, int inputFilters,
                    int outputFilters, double seRatio, boolean skip) {

    /** Channels after the expansion conv (equal to the input when there is none). */
    public int expandedFilters() {
        return inputFilters * op.expansion();
    }

    /** Whether the identity residual applies: stride 1, same filters in and out, skip allowed. */
    public boolean residual() {
        return skip && stride == 1 && inputFilters == outputFilters;
    }

    public boolean hasSe() {
        return seRatio > 0;
    }

    /**
     * Squeeze-and-excitation bottleneck width, {@code max(1, floor(input_filters * se_ratio))}: from
     * the block's input filters, not the expanded ones, as the official implementation does.
     */
    public int seFilters() {
        return Math.max(1, (int) (inputFilters * seRatio));
    }
}
