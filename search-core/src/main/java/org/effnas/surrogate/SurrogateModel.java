package org.effnas.surrogate;

import org.effnas.notation.BlockStrings;
import org.effnas.spec.Block;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;

/**
 * The analytic accuracy model behind the surrogate evaluator. NOT a trained network: a smooth function
 * of an architecture's effective depth, width and resolution, measured relative to a reference spec, so
 * that searches and grids can be exercised in milliseconds.
 *
 * <p>Each dimension contributes a logistic factor of its log-ratio to the reference,
 * {@code g(u) = 1 / (1 + exp(-(u + c) / s))}: accuracy grows when one dimension is scaled up and the
 * gain saturates (EfficientNet Observation 1). Accuracy is the product of the three factors between
 * chance and a ceiling; because {@code log g} is concave, spreading a FLOPs increase over the three
 * dimensions beats spending it on one (Observation 2, compound scaling). Block choices enter through
 * the effective depth: each block counts with a quality weight (op kind, expansion, kernel, SE, skip).
 *
 * @param referenceDepth      effective depth of the reference
 * @param referenceWidth      geometric-mean block width (output filters) of the reference
 * @param referenceResolution input resolution of the reference
 * @param ceiling             accuracy approached as every dimension grows
 * @param referenceKey        canonical form of the reference (part of the surrogate's identity)
 */
public record SurrogateModel(double referenceDepth, double referenceWidth, int referenceResolution,
                             double ceiling, String referenceKey) {

    /**
     * Logistic offsets and scale per dimension, in log-ratio units. One common scale; the offsets are
     * chosen so that, on continuous multipliers, the best triple under alpha*beta^2*gamma^2 = 2 lies
     * near the paper's (1.2, 1.1, 1.15): a calibration of the surrogate, which therefore says nothing
     * about real networks (docs/search.md).
     */
    private static final double SCALE = 0.25;
    private static final double DEPTH_C = 0.8;
    private static final double WIDTH_C = DEPTH_C + 0.087 - SCALE * Math.log(2);
    private static final double RES_C = DEPTH_C + 0.042 - SCALE * Math.log(2);

    public SurrogateModel {
        if (!(referenceDepth > 0 && referenceWidth > 0 && referenceResolution > 0 && ceiling > 0 && ceiling <= 1)) {
            throw new IllegalArgumentException("surrogate calibration must be positive");
        }
    }

    /** A model whose log-ratios are measured against this reference architecture. */
    public static SurrogateModel calibratedTo(ArchSpec reference) {
        return new SurrogateModel(effectiveDepth(reference), width(reference), reference.resolution(), 0.98,
                BlockStrings.canonical(reference));
    }

    /** The three log-ratios to the reference: depth, width, resolution. */
    public record Features(double depth, double width, double resolution) {
    }

    public Features features(ArchSpec spec) {
        return new Features(Math.log(effectiveDepth(spec) / referenceDepth), Math.log(width(spec) / referenceWidth),
                Math.log((double) spec.resolution() / referenceResolution));
    }

    /** Noise-free accuracy in (chance, ceiling). */
    public double accuracy(ArchSpec spec) {
        Features f = features(spec);
        double g = logistic(f.depth(), DEPTH_C) * logistic(f.width(), WIDTH_C) * logistic(f.resolution(), RES_C);
        double chance = 1.0 / spec.classes();
        return chance + (ceiling - chance) * g;
    }

    private static double logistic(double u, double c) {
        return 1.0 / (1.0 + Math.exp(-(u + c) / SCALE));
    }

    /** Sum over blocks of a quality weight: what a block contributes to the model's capacity. */
    static double effectiveDepth(ArchSpec spec) {
        return spec.blocks().stream().mapToDouble(SurrogateModel::quality).reduce(0, Double::sum);
    }

    static double quality(Block b) {
        double q;
        if (b.op() instanceof MBConv m) {
            q = m.expansion() >= 6 ? 1.0 : m.expansion() >= 3 ? 0.92 : 0.8;
        } else if (b.op() instanceof PlainConv) {
            q = 0.85;
        } else {
            q = 0.72;
        }
        if (b.kernel() >= 5) {
            q *= 1.08;
        }
        if (b.seRatio() > 0) {
            q *= 1.07;
        }
        boolean residualPossible = b.stride() == 1 && b.inputFilters() == b.outputFilters();
        if (residualPossible && !b.skip()) {
            q *= 0.88;
        }
        return q;
    }

    /** Geometric mean of the blocks' output filters. */
    static double width(ArchSpec spec) {
        double sum = spec.blocks().stream().mapToDouble(b -> Math.log(b.outputFilters())).reduce(0, Double::sum);
        return Math.exp(sum / spec.blocks().size());
    }
}
