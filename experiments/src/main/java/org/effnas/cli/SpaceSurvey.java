package org.effnas.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.space.BackboneBlock;
import org.effnas.space.SearchSpace;
import org.effnas.space.Genotype;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.MBConv;

/**
 * What a search space holds at one input size, for choosing T: its size, the multiply-adds and
 * parameters of its smallest, reference and largest members, and percentiles over a seeded uniform
 * sample. The smallest and largest are found by coordinate search (every gene tried in turn until
 * no change lowers, or raises, the MACs) from the sample's extremes. The reference member is the
 * backbone itself: each block's (c, n) filters and layers, the mbconv of its t when that op is a
 * choice, the first kernel, the first non-zero SE ratio and skip on where offered.
 *
 * @param percentiles MACs at {@link #LEVELS} over the sample
 */
record SpaceSurvey(Member smallest, Member reference, Member largest, double[] percentiles, double[] paramPercentiles) {

    static final double[] LEVELS = {5, 25, 50, 75, 95};

    /** One member of the space and its cost. */
    record Member(ArchSpec spec, long macs, long params) {

        static Member of(ArchSpec spec) {
            Cost c = CostModel.of(spec);
            return new Member(spec, c.macs(), c.params());
        }
    }

    static SpaceSurvey of(SearchSpace space, int sample, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Genotype> drawn = new ArrayList<>();
        double[] macs = new double[sample];
        double[] params = new double[sample];
        Genotype low = null;
        Genotype high = null;
        long lowMacs = Long.MAX_VALUE;
        long highMacs = Long.MIN_VALUE;
        for (int i = 0; i < sample; i++) {
            Genotype g = space.random(rng);
            Cost c = CostModel.of(space.decode(g));
            macs[i] = c.macs();
            params[i] = c.params();
            drawn.add(g);
            if (c.macs() < lowMacs) {
                lowMacs = c.macs();
                low = g;
            }
            if (c.macs() > highMacs) {
                highMacs = c.macs();
                high = g;
            }
        }
        Member smallest = Member.of(space.decode(descend(space, low, g -> CostModel.of(space.decode(g)).macs())));
        Member largest = Member.of(space.decode(descend(space, high, g -> -CostModel.of(space.decode(g)).macs())));
        Percentile p = new Percentile();
        double[] mp = new double[LEVELS.length];
        double[] pp = new double[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            mp[i] = p.evaluate(macs, LEVELS[i]);
            pp[i] = p.evaluate(params, LEVELS[i]);
        }
        return new SpaceSurvey(smallest, Member.of(space.decode(reference(space))), largest, mp, pp);
    }

    /** Coordinate search minimising {@code score} from {@code start}. */
    private static Genotype descend(SearchSpace space, Genotype start, ToLongFunction<Genotype> score) {
        int[] bounds = space.geneBounds();
        Genotype best = start;
        long bestScore = score.applyAsLong(best);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < bounds.length; i++) {
                for (int v = 0; v < bounds[i]; v++) {
                    Genotype g = best.with(i, v);
                    long s = score.applyAsLong(g);
                    if (s < bestScore) {
                        best = g;
                        bestScore = s;
                        changed = true;
                    }
                }
            }
        }
        return best;
    }

    /** The backbone as a member of the space (see the type's comment). */
    static Genotype reference(SearchSpace space) {
        int[] genes = new int[space.length()];
        var choices = space.choices();
        for (int b = 0; b < space.blocks(); b++) {
            BackboneBlock block = space.backbone().get(b);
            int at = b * SearchSpace.GENES_PER_BLOCK;
            int op = choices.ops().indexOf(new MBConv(block.expansion()));
            genes[at + SearchSpace.OP] = Math.max(0, op);
            genes[at + SearchSpace.KERNEL] = 0;
            genes[at + SearchSpace.SE] = IntStream.range(0, choices.seRatios().size())
                    .filter(i -> choices.seRatios().get(i) > 0).findFirst().orElse(0);
            genes[at + SearchSpace.SKIP] = Math.max(0, choices.skips().indexOf(Boolean.TRUE));
            genes[at + SearchSpace.FILTERS] = nearest(space.filterOptions(b), block.filters());
            genes[at + SearchSpace.LAYERS] = nearest(space.layerOptions(b), block.layers());
        }
        return Genotype.of(genes);
    }

    /** The index of the option nearest {@code value}, the first of equally near ones. */
    private static int nearest(List<Integer> options, int value) {
        return IntStream.range(0, options.size()).boxed()
                .min(Comparator.comparingInt(i -> Math.abs(options.get(i) - value))).orElse(0);
    }

    /** The T to suggest: the reference member's MACs, the rule used whenever no T is given. */
    long suggestedTarget() {
        return reference.macs();
    }
}
