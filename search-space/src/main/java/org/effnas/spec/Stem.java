package org.effnas.spec;

/** The stem: a plain kxk convolution with stride, BN and activation. Text form {@code k3_s2_o32}. */
public record Stem(int kernel, int stride, int filters) {

    public Stem {
        Stage.checkKernel("stem kernel", kernel);
        Stage.checkStride("stem stride", stride);
        if (filters < 1) {
            throw new InvalidSpecException("stem filters", "must be >= 1, got " + filters);
        }
    }

    public static Stem of(int kernel, int stride, int filters) {
        return new Stem(kernel, stride, filters);
    }
}
