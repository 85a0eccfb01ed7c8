package org.effnas.spec;

/**
 * The operation a stage's blocks perform. Sealed: the cost model, the DL4J translator and the
 * block-string notation each switch over exactly these kinds.
 */
public sealed interface BlockOp permits MBConv, SeparableConv, PlainConv {

    /** Prefix in the block-string notation: "" for MBConv, {@code sep_} or {@code conv_}. */
    String prefix();

    /** Expansion ratio of the inverted bottleneck; 1 for the kinds that have none. */
    int expansion();
}
