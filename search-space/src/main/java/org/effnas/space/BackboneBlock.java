package org.effnas.space;

import org.effnas.InvalidInputException;

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
        if (expansion < 1) {
            throw new InvalidInputException("backbone t: must be >= 1, got " + expansion);
        }
        if (filters < 1) {
            throw new InvalidInputException("backbone c: must be >= 1, got " + filters);
        }
        if (layers < 1) {
            throw new InvalidInputException("backbone n: must be >= 1, got " + layers);
        }
        if (stride != 1 && stride != 2) {
            throw new InvalidInputException("backbone s: must be 1 or 2, got " + stride);
        }
    }

    public static BackboneBlock of(int expansion, int filters, int layers, int stride) {
        return new BackboneBlock(expansion, filters, layers, stride);
    }
}
