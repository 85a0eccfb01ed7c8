package org.effnas.spec;

/**
 * Depthwise-separable convolution in the MobileNetV1 form: depthwise kxk carrying the stride, BN,
 * activation; optional squeeze-and-excitation; pointwise 1x1 to the output channels, BN,
 * activation. It differs from MBConv with expansion 1 only in the activation after the pointwise
 * conv, which MBConv's linear bottleneck leaves out.
 */
public record SeparableConv() implements BlockOp {

    public static SeparableConv of() {
        return new SeparableConv();
    }

    @Override
    public String prefix() {
        return "sep_";
    }

    @Override
    public int expansion() {
        return 1;
    }
}
