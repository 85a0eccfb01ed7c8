package org.effnas.space;

import org.effnas.InvalidInputException;
import org.effnas.spec.SpecLimits;

/**
 * One block of the reference backbone a search space is relative to, in MobileNetV2's
 * (t, c, n, s) notation. The searched filters and layers are multiples and offsets of {@code c}
 * and {@code n}; {@code s} is kept; {@code t} records the backbone's own expansion (the op gene
 * chooses each searched block's).
 *
 * @param expansion  t, the reference expansion ratio
 * @param filters    c, the reference output filters
 * @param layers     n, the reference number of layers (repeats)
 * @param stride     s, the stride of the block's first layer (1 or 2)
 */
public record BackboneBlock(int expansion, int filters, int layers, int stride) {

    public BackboneBlock {
        range("t", expansion, SpecLimits.MAX_EXPANSION);
        range("c", filters, SpecLimits.MAX_FILTERS);
        range("n", layers, SpecLimits.MAX_REPEATS);
        if (stride != 1 && stride != 2) {
            throw new InvalidInputException("backbone s: must be 1 or 2, got " + stride);
        }
    }

    private static void range(String key, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException("backbone " + key + ": must be in [1, " + max + "], got " + value);
        }
    }

    public static BackboneBlock of(int expansion, int filters, int layers, int stride) {
        return new BackboneBlock(expansion, filters, layers, stride);
    }
}
