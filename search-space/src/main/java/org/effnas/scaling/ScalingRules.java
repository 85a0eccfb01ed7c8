package org.effnas.scaling;

import org.effnas.InvalidInputException;

/**
 * The one place that owns every rounding rule of compound scaling, as the official EfficientNet
 * builder does: channel counts, repeats and input resolution. Everything that scales a network or
 * resolves a search-space choice goes through these methods, so the numbers always agree.
 */
public final class ScalingRules {

    /** Channel divisor of the official implementation (channel counts are multiples of 8). */
    public static final int DEFAULT_FILTER_DIVISOR = 8;
    /** Official resolutions (224, 240, ..., 600) are all multiples of 4. */
    public static final int DEFAULT_RESOLUTION_DIVISOR = 4;

    /** Inputs of at least this many pixels are rounded to {@link #DEFAULT_RESOLUTION_DIVISOR}. */
    public static final int LARGE_INPUT = 64;

    private ScalingRules() {
    }

    /**
     * The resolution divisor for scaling a base of this input resolution: multiples of 4 as the
     * official family for ImageNet-sized inputs ({@value #LARGE_INPUT} px or more), every pixel for
     * small inputs (28-32 px), where a multiple of 4 would move a scaled resolution by up to 7%.
     */
    public static int resolutionDivisor(int baseResolution) {
        if (baseResolution < 1) {
            throw new InvalidInputException("resolution: must be >= 1, got " + baseResolution);
        }
        return baseResolution >= LARGE_INPUT ? DEFAULT_RESOLUTION_DIVISOR : 1;
    }

    /**
     * The official {@code round_filters}: {@code filters * width} rounded to the nearest multiple of
     * {@code divisor} (half up), at least {@code divisor}, and bumped by one divisor when rounding
     * would have lost more than 10% of the scaled value.
     */
    public static int roundFilters(int filters, double width, int divisor) {
        if (filters < 1) {
            throw new InvalidInputException("filters: must be >= 1, got " + filters);
        }
        checkMultiplier("width", width);
        checkDivisor("filter divisor", divisor);
        double scaled = filters * width;
        long rounded = Math.max(divisor, (long) (scaled + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * scaled) {
            rounded += divisor;
        }
        if (rounded > Integer.MAX_VALUE) {
            throw new InvalidInputException("width: " + width + " makes " + filters
                    + " filters overflow; use a smaller width multiplier");
        }
        return (int) rounded;
    }

    /** The official {@code round_repeats}: {@code ceil(depth * repeats)}. */
    public static int roundRepeats(int repeats, double depth) {
        if (repeats < 1) {
            throw new InvalidInputException("repeats: must be >= 1, got " + repeats);
        }
        checkMultiplier("depth", depth);
        double scaled = Math.ceil(depth * repeats);
        if (scaled > Integer.MAX_VALUE) {
            throw new InvalidInputException("depth: " + depth + " makes " + repeats
                    + " repeats overflow; use a smaller depth multiplier");
        }
        return (int) Math.max(1, scaled);
    }

    /**
     * {@code base * multiplier} rounded to the nearest multiple of {@code divisor} (half up).
     *
     * @throws InvalidInputException when the result collapses to 0 pixels
     */
    public static int roundResolution(int base, double multiplier, int divisor) {
        if (base < 1) {
            throw new InvalidInputException("resolution: must be >= 1, got " + base);
        }
        checkMultiplier("resolution multiplier", multiplier);
        checkDivisor("resolution divisor", divisor);
        double scaled = base * multiplier;
        long rounded = Math.round(scaled / divisor) * divisor;
        if (rounded < divisor) {
            throw new InvalidInputException("resolution: " + base + " x " + multiplier + " = " + scaled
                    + " rounds to 0 at divisor " + divisor + "; use a smaller resolution divisor"
                    + " or a larger multiplier");
        }
        if (rounded > Integer.MAX_VALUE) {
            throw new InvalidInputException("resolution: " + base + " x " + multiplier
                    + " overflows; use a smaller multiplier");
        }
        return (int) rounded;
    }

    private static void checkMultiplier(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidInputException(name + ": must be a finite number > 0, got " + value);
        }
    }

    private static void checkDivisor(String name, int divisor) {
        if (divisor < 1) {
            throw new InvalidInputException(name + ": must be >= 1, got " + divisor);
        }
    }
}
