package org.effnas.spec;

/** The stem: a plain kxk convolution with stride, BN and activation. Text form {@code k3_s2_o32}. */
public record Stem(int kernel, int stride, int filters) {

    public Stem {
        Stage.checkKernel("stem kernel", kernel);
        Stage.checkStride("stem stride", stride);
        SpecLimits.check("stem filters", filters, 1, SpecLimits.MAX_FILTERS);
    }

    public static Stem of(int kernel, int stride, int filters) {
        return new Stem(kernel, stride, filters);
    }
}
