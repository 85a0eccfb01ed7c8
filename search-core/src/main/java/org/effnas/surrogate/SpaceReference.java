package org.effnas.surrogate;

import java.util.ArrayList;
import java.util.List;
import org.effnas.scaling.ScalingRules;
import org.effnas.space.BackboneBlock;
import org.effnas.space.SearchSpace;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.MBConv;
import org.effnas.spec.Stage;

/**
 * The reference architecture of a search space: its backbone as MBConv blocks with the backbone's
 * expansion, the first kernel choice, the first non-zero SE ratio, skip on, and the backbone's filters
 * and layers. What the surrogate measures depth and width against when it evaluates a search.
 */
public final class SpaceReference {

    private SpaceReference() {
    }

    public static ArchSpec of(SearchSpace space) {
        double se = space.choices().seRatios().stream().filter(r -> r > 0).findFirst().orElse(0.0);
        int kernel = space.choices().kernels().get(0);
        List<Stage> stages = new ArrayList<>();
        int previous = space.stem().filters();
        for (BackboneBlock b : space.backbone()) {
            int out = ScalingRules.roundFilters(b.filters(), 1.0, space.filterDivisor());
            stages.add(Stage.of(MBConv.of(b.expansion()), b.layers(), kernel, b.stride(), previous, out, se, true));
            previous = out;
        }
        return ArchSpec.of(space.resolution(), space.inChannels(), space.classes(), space.stem(), stages,
                space.head(), space.activation(), space.dropout(), space.dropConnect());
    }
}
