package org.effnas.cost;

import java.util.Set;

/**
 * Cost of one layer of a network at its real ('same'-padded) output size.
 *
 * @param name        position in the network, e.g. {@code stem.conv} or {@code stage2.block1.expand}
 *                    (stages and blocks numbered from 1)
 * @param type        one of {@link #TYPES}: {@code conv}, {@code dwconv}, {@code bn},
 *                    {@code se_reduce}, {@code se_expand}, {@code pool}, {@code fc}
 * @param height      output height
 * @param width       output width
 * @param channels    output channels
 * @param params      trainable parameters (weights, BN gamma and beta, biases)
 * @param macs        multiply-accumulate operations for one input image
 * @param activations output elements ({@code height * width * channels})
 */
public record LayerCost(String name, String type, int height, int width, int channels, long params,
                        long macs, long activations) {

    public static final String CONV = "conv";
    public static final String DWCONV = "dwconv";
    public static final String BN = "bn";
    public static final String SE_REDUCE = "se_reduce";
    public static final String SE_EXPAND = "se_expand";
    public static final String POOL = "pool";
    public static final String FC = "fc";
    /** Every layer type the cost model emits. */
    public static final Set<String> TYPES = Set.of(CONV, DWCONV, BN, SE_REDUCE, SE_EXPAND, POOL, FC);

    public LayerCost {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("layer name is missing");
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("layer " + name + ": unknown type " + type + ", expected one of " + TYPES);
        }
        if (height < 1 || width < 1 || channels < 1 || params < 0 || macs < 0) {
            throw new IllegalArgumentException("layer " + name + ": sizes must be >= 1 and counts >= 0");
        }
        if (activations != (long) height * width * channels) {
            throw new IllegalArgumentException("layer " + name + ": activations must be height*width*channels");
        }
    }

    public static LayerCost of(String name, String type, int height, int width, int channels,
                               long params, long macs) {
        return new LayerCost(name, type, height, width, channels, params, macs,
                (long) height * width * channels);
    }

    /** Output shape as {@code HxWxC}. */
    public String shape() {
        return height + "x" + width + "x" + channels;
    }
}
