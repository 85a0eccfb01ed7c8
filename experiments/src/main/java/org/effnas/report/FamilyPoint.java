package org.effnas.report;

/**
 * One scaled model: a family member (scaling {@code compound}) or a single-dimension comparison
 * (scaling {@code width}, {@code depth} or {@code resolution}) at the same nominal FLOPs ratio 2^phi.
 *
 * @param name       e.g. {@code B2} for the compound member with phi = 2, {@code W2} for width-only
 * @param width      width multiplier applied
 * @param depth      depth multiplier applied
 * @param resolution input resolution
 */
public record FamilyPoint(String scaling, double phi, String name, double width, double depth, int resolution,
                          Measurement m) {

    public static final String COMPOUND = "compound";
}
