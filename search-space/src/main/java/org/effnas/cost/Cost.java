package org.effnas.cost;

import java.util.List;
import java.util.function.ToLongFunction;
import org.effnas.spec.InvalidSpecException;

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
                exactSum(layers, LayerCost::params, "params"),
                exactSum(layers, LayerCost::macs, "macs"),
                exactSum(layers, LayerCost::activations, "activations"));
    }

    /** A sum that reports an overflow instead of wrapping around to a wrong total. */
    private static long exactSum(List<LayerCost> layers, ToLongFunction<LayerCost> count, String what) {
        long sum = 0;
        for (LayerCost l : layers) {
            try {
                sum = Math.addExact(sum, count.applyAsLong(l));
            } catch (ArithmeticException overflow) {
                throw new InvalidSpecException(what, "the total passes 2^63, far beyond the limits in docs/cost-model.md; use a smaller network");
            }
        }
        return sum;
    }

    /** Layers whose name starts with {@code prefix} (e.g. {@code stage3.} or {@code head.}). */
    public List<LayerCost> layersUnder(String prefix) {
        return layers.stream().filter(l -> l.name().startsWith(prefix)).toList();
    }
}
