package org.effnas.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.InvalidSpecException;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.spec.SpecLimits;

/**
 * Exact parameter, multiply-add and activation counts of an {@link ArchSpec}, layer by layer, under
 * the rules of the official EfficientNet / MnasNet implementations:
 * <ul>
 *   <li>convolutions have no bias and are each followed by BN (gamma and beta are parameters, the
 *       running mean and variance are not); the SE convolutions and the classifier have a bias;</li>
 *   <li>'same' padding: a stride-2 layer maps H to {@code ceil(H/2)}; MACs are counted at each
 *       layer's real output size ({@code Hout * Wout * Cout * k * k * Cin / groups});</li>
 *   <li>SE squeezes the depthwise output, runs its two 1x1 convs on a 1x1 map and has a bottleneck
 *       of {@code max(1, floor(block_input_filters * se_ratio))};</li>
 *   <li>elementwise work (activations, BN at inference, SE gating, residual adds, pooling) is not
 *       counted as multiply-adds.</li>
 * </ul>
 * See docs/cost-model.md for the full rules and the B0-B7 table.
 */
public final class CostModel {

    private CostModel() {
    }

    /** The cost of {@code spec} for one input image. */
    public static Cost of(ArchSpec spec) {
        Walk walk = new Walk(spec.resolution(), spec.inChannels());
        walk.conv("stem.conv", LayerCost.CONV, spec.stem().kernel(), spec.stem().stride(),
                spec.stem().filters(), "stem.bn");
        int blockInStage = 0;
        int previousStage = -1;
        for (Block b : spec.blocks()) {
            blockInStage = b.stage() == previousStage ? blockInStage + 1 : 1;
            previousStage = b.stage();
            String p = "stage" + (b.stage() + 1) + ".block" + blockInStage + ".";
            block(walk, p, b);
        }
        walk.conv("head.conv", LayerCost.CONV, 1, 1, spec.head().filters(), "head.bn");
        walk.add(LayerCost.of("head.pool", LayerCost.POOL, 1, 1, walk.c, 0, 0));
        long fcMacs = (long) spec.head().filters() * spec.classes();
        walk.add(LayerCost.of("head.fc", LayerCost.FC, 1, 1, spec.classes(), fcMacs + spec.classes(), fcMacs));
        Cost cost = Cost.of(walk.layers);
        if (cost.macs() > SpecLimits.MAX_MACS) {
            throw new InvalidSpecException("macs", String.format(Locale.ROOT, "the network needs %,d multiply-adds "
                    + "per image, more than the %,d allowed; use a smaller resolution, fewer filters or repeats",
                    cost.macs(), SpecLimits.MAX_MACS));
        }
        if (cost.params() > SpecLimits.MAX_PARAMS) {
            throw new InvalidSpecException("params", String.format(Locale.ROOT, "the network has %,d parameters, "
                    + "more than the %,d allowed; use fewer filters or classes", cost.params(), SpecLimits.MAX_PARAMS));
        }
        return cost;
    }

    /**
     * {@code a * b * ...} exactly. The spec's limits keep every factor small, but a product of them
     * can still pass 2^63 (a 4096-pixel map under 65,536 x 4M-channel convs); that is reported as
     * over the MAC limit rather than wrapped around.
     */
    static long product(long... factors) {
        long p = 1;
        try {
            for (long f : factors) {
                p = Math.multiplyExact(p, f);
            }
        } catch (ArithmeticException overflow) {
            throw new InvalidSpecException("macs", "the network needs more than 2^63 multiply-adds per image, far "
                    + "more than the " + SpecLimits.MAX_MACS + " allowed; use a smaller resolution, fewer filters or repeats");
        }
        return p;
    }

    private static void block(Walk walk, String p, Block b) {
        // if-chain rather than a pattern switch: Java 17 has no pattern matching in switch.
        if (b.op() instanceof MBConv m) {
            if (m.expansion() != 1) {
                walk.conv(p + "expand", LayerCost.CONV, 1, 1, b.expandedFilters(), p + "expand_bn");
            }
            walk.depthwise(p + "dwconv", b.kernel(), b.stride(), p + "dw_bn");
            se(walk, p, b);
            walk.conv(p + "project", LayerCost.CONV, 1, 1, b.outputFilters(), p + "project_bn");
        } else if (b.op() instanceof SeparableConv) {
            walk.depthwise(p + "dwconv", b.kernel(), b.stride(), p + "dw_bn");
            se(walk, p, b);
            walk.conv(p + "pwconv", LayerCost.CONV, 1, 1, b.outputFilters(), p + "pw_bn");
        } else if (b.op() instanceof PlainConv) {
            walk.conv(p + "conv", LayerCost.CONV, b.kernel(), b.stride(), b.outputFilters(), p + "bn");
            se(walk, p, b);
        } else {
            throw new IllegalStateException("no cost rule for block op " + b.op());
        }
    }

    /** Squeeze-and-excitation on the current channels: two 1x1 convs with bias on a 1x1 map. */
    private static void se(Walk walk, String p, Block b) {
        if (!b.hasSe()) {
            return;
        }
        int channels = walk.c;
        int reduced = b.seFilters();
        long reduceMacs = (long) channels * reduced;
        walk.layers.add(LayerCost.of(p + "se_reduce", LayerCost.SE_REDUCE, 1, 1, reduced,
                reduceMacs + reduced, reduceMacs));
        walk.layers.add(LayerCost.of(p + "se_expand", LayerCost.SE_EXPAND, 1, 1, channels,
                reduceMacs + channels, reduceMacs));
    }

    /** The running feature-map shape and the layers emitted so far. */
    private static final class Walk {
        final List<LayerCost> layers = new ArrayList<>();
        int h;
        int w;
        int c;

        Walk(int resolution, int channels) {
            h = resolution;
            w = resolution;
            c = channels;
        }

        void add(LayerCost layer) {
            layers.add(layer);
            h = layer.height();
            w = layer.width();
            c = layer.channels();
        }

        /** A dense kxk conv (no bias) followed by BN. */
        void conv(String name, String type, int kernel, int stride, int out, String bnName) {
            int oh = ArchSpec.sameOutput(h, stride);
            int ow = ArchSpec.sameOutput(w, stride);
            long weights = product(kernel, kernel, c, out);
            add(LayerCost.of(name, type, oh, ow, out, weights, product(weights, oh, ow)));
            bn(bnName);
        }

        /** A depthwise kxk conv (no bias) followed by BN. */
        void depthwise(String name, int kernel, int stride, String bnName) {
            int oh = ArchSpec.sameOutput(h, stride);
            int ow = ArchSpec.sameOutput(w, stride);
            long weights = product(kernel, kernel, c);
            add(LayerCost.of(name, LayerCost.DWCONV, oh, ow, c, weights, product(weights, oh, ow)));
            bn(bnName);
        }

        void bn(String name) {
            add(LayerCost.of(name, LayerCost.BN, h, w, c, 2L * c, 0));
        }
    }
}
