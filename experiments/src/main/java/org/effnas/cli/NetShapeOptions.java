package org.effnas.cli;

import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundScaling;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stem;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ARCH}, {@code --width}, {@code --depth} and {@code --stem-stride}: the network a command builds, as
 * the picocli mixin that {@code effnas train}, {@code effnas bench train} and {@code effnas bench infer} share,
 * so all three build the same network from the same arguments.
 */
public final class NetShapeOptions {

    @Parameters(index = "0", paramLabel = "ARCH", description = "Built-in architecture name or spec file.")
    String architecture;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1", description = "Width multiplier "
            + "(default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "1", description = "Depth multiplier "
            + "(default: ${DEFAULT-VALUE}).")
    double depth;

    @Option(names = "--stem-stride", paramLabel = "S", description = "Override the stem's stride (1 keeps more "
            + "resolution for small images).")
    Integer stemStride;

    /** ARCH as given: a built-in architecture or a spec file, before any input or scaling is applied. */
    ArchSpec base() {
        return Architectures.resolve(architecture);
    }

    /** Whether ARCH names a spec file rather than a built-in architecture. */
    boolean isFile() {
        return !Architectures.names().contains(architecture);
    }

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
