package org.effnas.grid;

import org.effnas.scaling.ScalingFactors;
import org.effnas.spec.ArchSpec;

/**
 * One point of the single-dimension comparison (EfficientNet Figure 8): the base scaled in depth
 * only, width only or resolution only to the grid's FLOPs target, or the compound winner, with its
 * accuracy over seeds.
 *
 * @param method {@code depth-only}, {@code width-only}, {@code resolution-only} or {@code compound}
 */
public record SingleDimensionRow(String method, ScalingFactors factors, ArchSpec spec, double nominalFlopsRatio,
                                 double achievedFlopsRatio, long macs, AccuracySummary accuracy) {
}
