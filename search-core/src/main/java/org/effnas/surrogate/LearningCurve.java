package org.effnas.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;

/**
 * The SURROGATE's accuracy against training steps: NOT measured on any network. Each architecture
 * approaches its {@link SurrogateModel#accuracy} (the value "with enough training") in a fast and a
 * slow phase, {@code chance + (final - chance) * (0.75 (1 - exp(-t / tau)) + 0.25 (1 - exp(-t / 8 tau)))},
 * with its own time constant {@code tau}:
 * <pre>
 *   tau = TAU_REFERENCE * depthRatio^DEPTH_EXPONENT * widthRatio^WIDTH_EXPONENT * exp(SPREAD * (2u - 1))
 * </pre>
 * where the ratios are effective depth and width against the reference and {@code u} in [0, 1) is a
 * hash of the spec (an architecture's own learning speed). Deeper nets learn more slowly at first
 * (wider ones a little faster) but many end higher, so rankings cross between rungs as real ones do, and the
 * rank agreement between a short and a long rung is well below 1 (Kendall tau about 0.3 between 30
 * and 800 steps over random mnasnet-small architectures, about 0.8 between 270 and 800). The
 * reference's time constant of 20 steps is a calibration to the Fashion-MNIST proxies (batch 128, Adam) that reach 40-67% after 30
 * steps and about 90% with long training; it says nothing about real networks (docs/search.md).
 */
public record LearningCurve(SurrogateModel model) {

    public static final double TAU_REFERENCE = 20;
    public static final double DEPTH_EXPONENT = 1.0;
    public static final double WIDTH_EXPONENT = -0.5;
    public static final double SPREAD = 0.3;
    /** The share of the gain learnt in the slow phase ... */
    public static final double SLOW_SHARE = 0.25;
    /** ... whose time constant is this many times longer. */
    public static final double SLOW_FACTOR = 8;

    /** The architecture's time constant: the fast phase is 63% done after this many steps. */
    public double halfwaySteps(ArchSpec spec) {
        SurrogateModel.Features f = model.features(spec);
        double u = SimulatedDuration.unit(model.referenceKey() + "#speed#" + BlockStrings.canonical(spec));
        return TAU_REFERENCE * Math.exp(DEPTH_EXPONENT * f.depth() + WIDTH_EXPONENT * f.width()
                + SPREAD * (2 * u - 1));
    }

    /** Noise-free accuracy after {@code steps} optimizer steps. */
    public double accuracy(ArchSpec spec, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double chance = 1.0 / spec.classes();
        double tau = halfwaySteps(spec);
        double progress = (1 - SLOW_SHARE) * -Math.expm1(-steps / tau)
                + SLOW_SHARE * -Math.expm1(-steps / (SLOW_FACTOR * tau));
        return chance + (model.accuracy(spec) - chance) * progress;
    }

    /** A deterministic standard normal per text (the per-rung part of the surrogate's noise). */
    static double gaussian(String text) {
        long h = UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits();
        return new java.util.SplittableRandom(h).nextGaussian();
    }
}
