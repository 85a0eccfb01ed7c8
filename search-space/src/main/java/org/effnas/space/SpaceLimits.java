package org.effnas.space;

import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.scaling.ScalingRules;
import org.effnas.spec.SpecLimits;

/**
 * The bounds a search space must keep before it is searched: every block's filter and layer choices
 * within {@link SpecLimits}, and the deepest candidate within {@link SpecLimits#MAX_BLOCKS}. A space
 * file with {@code n: 2147483647} or a huge layer offset is refused here, naming the key, instead of
 * producing candidates that could never be built.
 */
final class SpaceLimits {

    private SpaceLimits() {
    }

    static void check(List<BackboneBlock> backbone, BlockChoices choices, int filterDivisor) {
        if (filterDivisor > SpecLimits.MAX_FILTERS) {
            throw new InvalidInputException("filter_divisor: must be in [1, " + SpecLimits.MAX_FILTERS + "], got "
                    + filterDivisor);
        }
        long deepest = 0;
        for (int b = 0; b < backbone.size(); b++) {
            BackboneBlock block = backbone.get(b);
            for (double m : choices.filterMultipliers()) {
                double scaled = block.filters() * m;
                int rounded = scaled > 2 * SpecLimits.MAX_FILTERS ? Integer.MAX_VALUE
                        : ScalingRules.roundFilters(block.filters(), m, filterDivisor);
                if (rounded > SpecLimits.MAX_FILTERS) {
                    throw new InvalidInputException("choices.filters: multiplier " + m + " gives backbone[" + b
                            + "] (c = " + block.filters() + ") more than " + SpecLimits.MAX_FILTERS
                            + " filters; use a smaller multiplier");
                }
            }
            long most = 1;
            for (int offset : choices.layerOffsets()) {
                long layers = Math.max(1L, (long) block.layers() + offset);
                if (layers > SpecLimits.MAX_REPEATS) {
                    throw new InvalidInputException("choices.layers: offset " + offset + " gives backbone[" + b
                            + "] (n = " + block.layers() + ") " + layers + " layers, at most "
                            + SpecLimits.MAX_REPEATS + " are allowed");
                }
                most = Math.max(most, layers);
            }
            deepest += most;
        }
        if (deepest > SpecLimits.MAX_BLOCKS) {
            throw new InvalidInputException("choices.layers: the deepest candidate has " + deepest
                    + " blocks, at most " + SpecLimits.MAX_BLOCKS + " are allowed; use smaller offsets or a"
                    + " shorter backbone");
        }
    }
}
