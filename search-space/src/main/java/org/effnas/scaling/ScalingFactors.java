package org.effnas.scaling;

import org.effnas.InvalidInputException;

/**
 * Multipliers applied to a base network: channels (width), repeats (depth) and input resolution.
 * Each must be a finite number above 0.
 */
public record ScalingFactors(double width, double depth, double resolution) {

    /** The identity: the base network unchanged. */
    public static final ScalingFactors NONE = new ScalingFactors(1, 1, 1);

    public ScalingFactors {
        check("width", width);
        check("depth", depth);
        check("resolution", resolution);
    }

    public static ScalingFactors of(double width, double depth, double resolution) {
        return new ScalingFactors(width, depth, resolution);
    }

    /** Depth alone to a nominal FLOPs ratio (FLOPs grow linearly with depth). */
    public static ScalingFactors depthOnly(double flopsRatio) {
        return new ScalingFactors(1, flopsRatio, 1);
    }

    /** Width alone to a nominal FLOPs ratio (FLOPs grow with the square of width). */
    public static ScalingFactors widthOnly(double flopsRatio) {
        return new ScalingFactors(Math.sqrt(flopsRatio), 1, 1);
    }

    /** Resolution alone to a nominal FLOPs ratio (FLOPs grow with the square of resolution). */
    public static ScalingFactors resolutionOnly(double flopsRatio) {
        return new ScalingFactors(1, 1, Math.sqrt(flopsRatio));
    }

    /** Nominal FLOPs multiplier {@code depth * width^2 * resolution^2}. */
    public double nominalFlopsRatio() {
        return depth * width * width * resolution * resolution;
    }

    private static void check(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidInputException(name + " multiplier: must be a finite number > 0, got " + v);
        }
    }
}
