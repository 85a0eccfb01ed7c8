package org.effnas.cli;

import org.effnas.spec.ArchSpec;
import picocli.CommandLine.Option;

/**
 * {@code --resolution}, {@code --channels} and {@code --classes}: the input and output a benchmark gives
 * ARCH in place of its own (a picocli mixin of {@code effnas bench train} and {@code effnas bench infer}).
 */
public final class InputShapeOptions {

    @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the spec's).")
    Integer resolution;

    @Option(names = "--channels", paramLabel = "C", description = "Input channels (default: the spec's).")
    Integer channels;

    @Option(names = "--classes", paramLabel = "K", description = "Output classes (default: the spec's).")
    Integer classes;

    /** {@code --resolution}, else the spec's own. */
    int resolution(ArchSpec spec) {
        return resolution != null ? resolution : spec.resolution();
    }

    /** The spec with each given value in place of its own. */
    ArchSpec apply(ArchSpec spec) {
        return spec.withInput(resolution(spec), channels != null ? channels : spec.inChannels(),
                classes != null ? classes : spec.classes());
    }
}
