package org.effnas.scaling;

/**
 * How a scaled model was scaled: all three dimensions by compound coefficients, or one dimension
 * alone to the same nominal FLOPs ratio (the EfficientNet paper's comparison). Each has the text
 * the result tables use and the letter its members are named with (B2, D2, W2, R2).
 */
public enum ScalingDimension {
    COMPOUND("compound", "B"),
    DEPTH("depth", "D"),
    WIDTH("width", "W"),
    RESOLUTION("resolution", "R");

    private final String text;
    private final String prefix;

    ScalingDimension(String text, String prefix) {
        this.text = text;
        this.prefix = prefix;
    }

    public String text() {
        return text;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * The factors of a single-dimension scaling to a nominal FLOPs ratio.
     *
     * @throws IllegalStateException for {@link #COMPOUND}, whose factors come from coefficients
     */
    public ScalingFactors alone(double flopsRatio) {
        return switch (this) {
            case DEPTH -> ScalingFactors.depthOnly(flopsRatio);
            case WIDTH -> ScalingFactors.widthOnly(flopsRatio);
            case RESOLUTION -> ScalingFactors.resolutionOnly(flopsRatio);
            case COMPOUND -> throw new IllegalStateException("compound scaling needs coefficients");
        };
    }
}
