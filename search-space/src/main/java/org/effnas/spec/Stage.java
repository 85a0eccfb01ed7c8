package org.effnas.spec;

/**
 * One stage: {@code repeats} blocks of the same op. As in the official EfficientNet code only the
 * first repeat takes the stride and the change from {@code inputFilters} to {@code outputFilters};
 * the others run at stride 1 from {@code outputFilters} to {@code outputFilters}.
 *
 * @param seRatio squeeze-and-excitation ratio relative to each block's input filters; 0 = no SE
 * @param skip    whether the identity residual is allowed (it applies only when stride is 1 and
 *                input and output filters are equal)
 */
public record Stage(BlockOp op, int repeats, int kernel, int stride, int inputFilters,
                    int outputFilters, double seRatio, boolean skip) {

    public Stage {
        if (op == null) {
            throw new InvalidSpecException("op", "is missing");
        }
        SpecLimits.check("repeats", repeats, 1, SpecLimits.MAX_REPEATS);
        checkKernel("kernel", kernel);
        checkStride("stride", stride);
        SpecLimits.check("input filters", inputFilters, 1, SpecLimits.MAX_FILTERS);
        SpecLimits.check("output filters", outputFilters, 1, SpecLimits.MAX_FILTERS);
        if (!(seRatio >= 0 && seRatio <= 1)) {
            throw new InvalidSpecException("se ratio", "must be in [0, 1], got " + seRatio);
        }
    }

    public static Stage of(BlockOp op, int repeats, int kernel, int stride, int inputFilters,
                           int outputFilters, double seRatio, boolean skip) {
        return new Stage(op, repeats, kernel, stride, inputFilters, outputFilters, seRatio, skip);
    }

    /** MBConv stage with the identity residual allowed, the common case. */
    public static Stage mbconv(int repeats, int kernel, int stride, int expansion, int inputFilters,
                               int outputFilters, double seRatio) {
        return new Stage(MBConv.of(expansion), repeats, kernel, stride, inputFilters, outputFilters,
                seRatio, true);
    }

    public int expansion() {
        return op.expansion();
    }

    public boolean hasSe() {
        return seRatio > 0;
    }

    /** A copy with other filters and repeats (what width and depth scaling change). */
    public Stage withFiltersAndRepeats(int newInput, int newOutput, int newRepeats) {
        return new Stage(op, newRepeats, kernel, stride, newInput, newOutput, seRatio, skip);
    }

    static void checkKernel(String field, int kernel) {
        if (kernel < 1 || kernel % 2 == 0 || kernel > SpecLimits.MAX_KERNEL) {
            throw new InvalidSpecException(field, "must be an odd number in [1, " + SpecLimits.MAX_KERNEL
                    + "], got " + kernel);
        }
    }

    static void checkStride(String field, int stride) {
        if (stride != 1 && stride != 2) {
            throw new InvalidSpecException(field, "must be 1 or 2, got " + stride);
        }
    }
}
