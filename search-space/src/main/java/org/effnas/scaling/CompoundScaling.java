package org.effnas.scaling;

import java.util.ArrayList;
import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Head;
import org.effnas.spec.Stage;
import org.effnas.spec.Stem;

/**
 * Scales a base network in width, depth and resolution as the official EfficientNet builder does:
 * every channel count (stem, each stage's input and output, head) through
 * {@link ScalingRules#roundFilters}, every stage's repeats through {@link ScalingRules#roundRepeats}.
 * Kernels, strides, expansion, SE ratio, activation and dropout are kept from the base.
 */
public final class CompoundScaling {

    private CompoundScaling() {
    }

    /**
     * Scales {@code base} by {@code f}, with the resolution {@code base.resolution() * f.resolution()}
     * rounded to a multiple of {@code resolutionDivisor} (4 for ImageNet sizes, 1 for small inputs).
     */
    public static ArchSpec scale(ArchSpec base, ScalingFactors f, int resolutionDivisor) {
        int resolution = ScalingRules.roundResolution(base.resolution(), f.resolution(), resolutionDivisor);
        return scale(base, f.width(), f.depth(), resolution);
    }

    /** Scales width and depth with channels rounded to multiples of 8, at an explicit resolution. */
    public static ArchSpec scale(ArchSpec base, double width, double depth, int resolution) {
        return scale(base, width, depth, resolution, ScalingRules.DEFAULT_FILTER_DIVISOR);
    }

    /** Scales width and depth with channels rounded to multiples of {@code filterDivisor}. */
    public static ArchSpec scale(ArchSpec base, double width, double depth, int resolution,
                                 int filterDivisor) {
        Stem stem = Stem.of(base.stem().kernel(), base.stem().stride(),
                ScalingRules.roundFilters(base.stem().filters(), width, filterDivisor));
        List<Stage> stages = new ArrayList<>();
        for (Stage s : base.stages()) {
            stages.add(s.withFiltersAndRepeats(
                    ScalingRules.roundFilters(s.inputFilters(), width, filterDivisor),
                    ScalingRules.roundFilters(s.outputFilters(), width, filterDivisor),
                    ScalingRules.roundRepeats(s.repeats(), depth)));
        }
        Head head = Head.of(ScalingRules.roundFilters(base.head().filters(), width, filterDivisor));
        return base.withStem(stem, stages, head).withResolution(resolution);
    }

    /** {@code macs(scaled) / macs(base)}: the FLOPs multiplier that rounding actually delivered. */
    public static double achievedFlopsRatio(ArchSpec base, ArchSpec scaled) {
        return (double) CostModel.of(scaled).macs() / CostModel.of(base).macs();
    }
}
