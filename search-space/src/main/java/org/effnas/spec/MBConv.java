package org.effnas.spec;

/**
 * Mobile inverted bottleneck (MobileNetV2 / EfficientNet): 1x1 expansion to {@code in*expansion}
 * channels (omitted when expansion is 1), BN, activation; depthwise kxk carrying the stride, BN,
 * activation; optional squeeze-and-excitation; 1x1 linear projection, BN, no activation.
 */
public record MBConv(int expansion) implements BlockOp {

    public MBConv {
        SpecLimits.check("expansion", expansion, 1, SpecLimits.MAX_EXPANSION);
    }

    public static MBConv of(int expansion) {
        return new MBConv(expansion);
    }

    @Override
    public String prefix() {
        return "";
    }
}
