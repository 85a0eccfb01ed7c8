package org.effnas.spec;

/** Plain kxk convolution carrying the stride, BN, activation; optional squeeze-and-excitation. */
public record PlainConv() implements BlockOp {

    public static PlainConv of() {
        return new PlainConv();
    }

    @Override
    public String prefix() {
        return "conv_";
    }

    @Override
    public int expansion() {
        return 1;
    }
}
