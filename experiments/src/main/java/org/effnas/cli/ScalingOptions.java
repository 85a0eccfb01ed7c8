package org.effnas.cli;

import org.effnas.scaling.CompoundScaling;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stem;
import picocli.CommandLine.Option;

/**
 * {@code --width}, {@code --depth} and {@code --stem-stride}: the picocli mixin that {@code effnas train} and
 * {@code effnas bench train} share, so both build the same network from the same flags.
 */
public final class ScalingOptions {

    @Option(names = "--width", paramLabel = "W", defaultValue = "1", description = "Width multiplier "
            + "(default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "1", description = "Depth multiplier "
            + "(default: ${DEFAULT-VALUE}).")
    double depth;

    @Option(names = "--stem-stride", paramLabel = "S", description = "Override the stem's stride (1 keeps more "
            + "resolution for small images).")
    Integer stemStride;

    /**
     * Applies the stem stride, then compound scaling (channels rounded to multiples of 8) at the spec's
     * resolution, to a spec already adapted to the dataset's input.
     */
    ArchSpec apply(ArchSpec spec) {
        if (stemStride != null) {
            spec = spec.withStem(Stem.of(spec.stem().kernel(), stemStride, spec.stem().filters()), spec.stages(),
                    spec.head());
        }
        if (width != 1 || depth != 1) {
            InputCheck.refuse(!(width > 0) || !(depth > 0),
                    "--width/--depth: multipliers must be > 0, got " + width + "/" + depth);
            spec = CompoundScaling.scale(spec, width, depth, spec.resolution());
        }
        return spec;
    }
}
