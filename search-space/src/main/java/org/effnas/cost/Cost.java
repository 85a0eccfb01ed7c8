package org.effnas.cost;

import java.util.List;

/**
 * Exact cost of a network for one input image: every layer, and the totals over them.
 *
 * @param params      trainable parameters (BN running statistics are not parameters)
 * @param macs        multiply-accumulates of every conv (incl. depthwise and the SE convs) and the
 *                    classifier
 * @param activations sum of the output elements of every listed layer
 */
public record Cost(List<LayerCost> layers, long params, long macs, long activations) {

    public Cost {
        layers = List.copyOf(layers);
        if (params != layers.stream().mapToLong(LayerCost::params).sum()
                || macs != layers.stream().mapToLong(LayerCost::macs).sum()
                || activations != layers.stream().mapToLong(LayerCost::activations).sum()) {
            throw new IllegalArgumentException("cost totals must equal the sums over the layers");
        }
    }

    /** A cost whose totals are the sums over {@code layers}. */
    public static Cost of(List<LayerCost> layers) {
        return new Cost(layers,
                layers.stream().mapToLong(LayerCost::params).sum(),
                layers.stream().mapToLong(LayerCost::macs).sum(),
                layers.stream().mapToLong(LayerCost::activations).sum());
    }

    /** Layers whose name starts with {@code prefix} (e.g. {@code stage3.} or {@code head.}). */
    public List<LayerCost> layersUnder(String prefix) {
        return layers.stream().filter(l -> l.name().startsWith(prefix)).toList();
    }
}
