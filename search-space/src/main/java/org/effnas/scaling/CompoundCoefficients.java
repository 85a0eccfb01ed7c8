package org.effnas.scaling;

import org.effnas.InvalidInputException;

/**
 * EfficientNet's compound-scaling coefficients: at compound coefficient phi, depth grows by
 * {@code alpha^phi}, width by {@code beta^phi} and resolution by {@code gamma^phi}. Each must be
 * >= 1 (scaling never shrinks a dimension); the paper found alpha=1.2, beta=1.1, gamma=1.15 for B0.
 */
public record CompoundCoefficients(double alpha, double beta, double gamma) {

    /** The coefficients the EfficientNet paper found by grid search on B0. */
    public static final CompoundCoefficients EFFICIENTNET = new CompoundCoefficients(1.2, 1.1, 1.15);

    public CompoundCoefficients {
        check("alpha", "depth", alpha);
        check("beta", "width", beta);
        check("gamma", "resolution", gamma);
    }

    public static CompoundCoefficients of(double alpha, double beta, double gamma) {
        return new CompoundCoefficients(alpha, beta, gamma);
    }

    /** FLOPs multiplier per unit of phi, {@code alpha * beta^2 * gamma^2} (the paper asks for ~2). */
    public double nominalFlopsRatio() {
        return alpha * beta * beta * gamma * gamma;
    }

    /** FLOPs multiplier at {@code phi}: {@code nominalFlopsRatio()^phi}. */
    public double nominalFlopsRatio(double phi) {
        return Math.pow(nominalFlopsRatio(), phi);
    }

    /** Multipliers at compound coefficient {@code phi}: d = alpha^phi, w = beta^phi, r = gamma^phi. */
    public ScalingFactors at(double phi) {
        if (!Double.isFinite(phi)) {
            throw new InvalidInputException("phi: must be a finite number, got " + phi);
        }
        return ScalingFactors.of(Math.pow(beta, phi), Math.pow(alpha, phi), Math.pow(gamma, phi));
    }

    private static void check(String name, String dimension, double v) {
        if (!(v >= 1) || Double.isInfinite(v)) {
            throw new InvalidInputException(name + ": must be a finite number >= 1 (it multiplies "
                    + dimension + " per unit of phi), got " + v + "; pass " + name + " >= 1, e.g. "
                    + name + "=1.2");
        }
    }
}
