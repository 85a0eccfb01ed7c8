package org.effnas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.reference.Architectures;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompoundScalingTest {

    static List<String> architectures() {
        return Architectures.names();
    }

    @Test
    void scalingB0ByTheOfficialRowGivesB4Structure() {
        ArchSpec b4 = CompoundScaling.scale(Architectures.efficientNetB0(), 1.4, 1.8, 380);
        assertEquals(48, b4.stem().filters());
        assertEquals(1792, b4.head().filters());
        assertEquals(List.of(2, 4, 4, 6, 6, 8, 2), b4.stages().stream().map(Stage::repeats).toList());
        assertEquals(List.of(24, 32, 56, 112, 160, 272, 448),
                b4.stages().stream().map(Stage::outputFilters).toList());
        assertEquals(380, b4.resolution());
        // kept from the base
        assertEquals(Architectures.efficientNetB0().dropout(), b4.dropout());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void identityFactorsKeepEveryBuiltinWhoseChannelsAreMultiplesOfEight(String name) {
        ArchSpec base = Architectures.get(name);
        ArchSpec same = CompoundScaling.scale(base, ScalingFactors.NONE, 1);
        assertEquals(base, same);
    }

    @Test
    void resolutionIsRoundedToTheDivisor() {
        ArchSpec b0 = Architectures.efficientNetB0();
        ArchSpec scaled = CompoundScaling.scale(b0, CompoundCoefficients.EFFICIENTNET.at(1), 4);
        assertEquals(256, scaled.resolution()); // 224 * 1.15 = 257.6 -> 256
        ArchSpec mini = CompoundScaling.scale(Architectures.get("effnas-mini"), CompoundCoefficients.EFFICIENTNET.at(1), 1);
        assertEquals(32, mini.resolution()); // 28 * 1.15 = 32.2 -> 32
    }

    @Test
    void achievedRatioTracksTheNominalOneForEfficientNetCoefficients() {
        ArchSpec b0 = Architectures.efficientNetB0();
        for (int phi = 1; phi <= 3; phi++) {
            ArchSpec scaled = CompoundScaling.scale(b0, CompoundCoefficients.EFFICIENTNET.at(phi), 4);
            double achieved = CompoundScaling.achievedFlopsRatio(b0, scaled);
            double nominal = CompoundCoefficients.EFFICIENTNET.nominalFlopsRatio(phi);
            // rounding of channels, repeats and resolution moves it, but not by a factor
            assertTrue(achieved > 0.7 * nominal && achieved < 1.4 * nominal, phi + ": " + achieved + " vs " + nominal);
        }
        assertEquals(1.0, CompoundScaling.achievedFlopsRatio(b0, b0), 0);
    }

    /** Property: params and MACs never fall as width or depth grows, over random searched nets. */
    @Test
    void countsAreMonotoneInWidthAndDepthOverRandomGenotypes() {
        SplittableRandom rng = new SplittableRandom(11);
        for (String spaceName : SearchSpaces.names()) {
            SearchSpace space = SearchSpaces.builtin(spaceName);
            for (int i = 0; i < 150; i++) {
                ArchSpec spec = space.decode(space.random(rng));
                double w = 0.5 + rng.nextDouble();
                double d = 0.5 + rng.nextDouble();
                Cost base = CostModel.of(CompoundScaling.scale(spec, w, d, spec.resolution()));
                Cost wider = CostModel.of(CompoundScaling.scale(spec, w + 0.2, d, spec.resolution()));
                Cost deeper = CostModel.of(CompoundScaling.scale(spec, w, d + 0.3, spec.resolution()));
                assertTrue(base.params() > 0 && base.macs() > 0 && base.activations() > 0);
                assertTrue(wider.params() >= base.params() && wider.macs() >= base.macs(), spec + " w " + w);
                assertTrue(deeper.params() >= base.params() && deeper.macs() >= base.macs(), spec + " d " + d);
            }
        }
    }
}
