package org.effnas.space;

import java.util.HashSet;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.spec.SpecLimits;
import org.effnas.spec.BlockOp;

/**
 * What every searched block may choose, the same for each block (MnasNet's factorized space):
 * its op, kernel, SE ratio, whether the identity skip is allowed, its filters as a multiple of the
 * backbone's and its layers as an offset from the backbone's.
 *
 * @param filterMultipliers multiples of the backbone filters, rounded by
 *                          {@link org.effnas.scaling.ScalingRules#roundFilters}
 * @param layerOffsets      added to the backbone's layers; a block keeps at least one layer
 */
public record BlockChoices(List<BlockOp> ops, List<Integer> kernels, List<Double> seRatios,
                           List<Boolean> skips, List<Double> filterMultipliers,
                           List<Integer> layerOffsets) {

    public BlockChoices {
        ops = checked("choices.op", ops);
        kernels = checked("choices.kernel", kernels);
        seRatios = checked("choices.se", seRatios);
        skips = checked("choices.skip", skips);
        filterMultipliers = checked("choices.filters", filterMultipliers);
        layerOffsets = checked("choices.layers", layerOffsets);
        for (int k : kernels) {
            if (k < 1 || k % 2 == 0 || k > SpecLimits.MAX_KERNEL) {
                throw new InvalidInputException("choices.kernel: every kernel must be an odd number in [1, "
                        + SpecLimits.MAX_KERNEL + "], got " + k);
            }
        }
        for (int offset : layerOffsets) {
            if (Math.abs(offset) > SpecLimits.MAX_REPEATS) {
                throw new InvalidInputException("choices.layers: every offset must be in [-" + SpecLimits.MAX_REPEATS
                        + ", " + SpecLimits.MAX_REPEATS + "], got " + offset);
            }
        }
        for (double se : seRatios) {
            if (!(se >= 0 && se <= 1)) {
                throw new InvalidInputException("choices.se: every ratio must be in [0, 1], got " + se);
            }
        }
        for (double m : filterMultipliers) {
            if (!(m > 0) || m > MAX_FILTER_MULTIPLIER) {
                throw new InvalidInputException("choices.filters: every multiplier must be in (0, "
                        + (int) MAX_FILTER_MULTIPLIER + "], got " + m);
            }
        }
    }

    /** Largest filter multiplier (MnasNet searches 0.75 to 1.25). */
    public static final double MAX_FILTER_MULTIPLIER = 64;

    public static BlockChoices of(List<BlockOp> ops, List<Integer> kernels, List<Double> seRatios,
                                  List<Boolean> skips, List<Double> filterMultipliers,
                                  List<Integer> layerOffsets) {
        return new BlockChoices(ops, kernels, seRatios, skips, filterMultipliers, layerOffsets);
    }

    /** Choices per block before filters and layers that round to the same value are merged. */
    public long nominalPerBlock() {
        return (long) ops.size() * kernels.size() * seRatios.size() * skips.size()
                * filterMultipliers.size() * layerOffsets.size();
    }

    private static <T> List<T> checked(String key, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInputException(key + ": must list at least one choice");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new InvalidInputException(key + ": lists a choice twice in " + values + "; list each once");
        }
        return List.copyOf(values);
    }
}
