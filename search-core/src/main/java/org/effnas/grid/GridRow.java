package org.effnas.grid;

import org.effnas.scaling.CompoundCoefficients;
import org.effnas.spec.ArchSpec;

/**
 * One evaluated (alpha, beta, gamma): the base scaled at phi = 1, its FLOPs ratio nominal
 * ({@code alpha * beta^2 * gamma^2}) and achieved after rounding, and its accuracy over seeds.
 */
public record GridRow(CompoundCoefficients coefficients, ArchSpec spec, double nominalFlopsRatio,
                      double achievedFlopsRatio, long macs, AccuracySummary accuracy, boolean winner) {

    GridRow asWinner() {
        return new GridRow(coefficients, spec, nominalFlopsRatio, achievedFlopsRatio, macs, accuracy, true);
    }
}
