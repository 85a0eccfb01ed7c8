package org.effnas.cluster.testing;

import java.util.ArrayList;
import java.util.List;
import org.effnas.eval.Candidate;
import org.effnas.eval.TrainingSettings;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;

/** Small architectures and candidate lists for cluster tests. */
public final class TestCandidates {

    private TestCandidates() {
    }

    /** EfficientNet-B0's seven stages. */
    public static ArchSpec efficientNetB0() {
        return ArchSpec.of(BlockStrings.parseAll(List.of(
                "r1_k3_s11_e1_i32_o16_se0.25", "r2_k3_s22_e6_i16_o24_se0.25", "r2_k5_s22_e6_i24_o40_se0.25",
                "r3_k3_s22_e6_i40_o80_se0.25", "r3_k5_s11_e6_i80_o112_se0.25", "r4_k5_s22_e6_i112_o192_se0.25",
                "r1_k3_s11_e6_i192_o320_se0.25")));
    }

    /** A small mixed spec: a separable stage, a plain conv stage without skip, ReLU, 28x28 grey input. */
    public static ArchSpec mixedSmall() {
        return ArchSpec.of(28, 1, 10, org.effnas.spec.Stem.of(3, 1, 16),
                BlockStrings.parseAll(List.of("sep_r1_k3_s11_e1_i16_o16", "r2_k5_s22_e4_i16_o24_se0.5",
                        "conv_r1_k3_s22_e1_i24_o32_noskip")),
                org.effnas.spec.Head.of(64), org.effnas.spec.Activation.RELU, 0.1, 0.05);
    }

    /** Every spec the wire tests round-trip. */
    public static List<ArchSpec> all() {
        return List.of(efficientNetB0(), mixedSmall(), efficientNetB0().withResolution(240));
    }

    /** {@code count} candidates {@code c000}, {@code c001}, ... with seeds 1000+i. */
    public static List<Candidate> candidates(int count) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(candidate(i));
        }
        return out;
    }

    public static Candidate candidate(int i) {
        return Candidate.of(String.format("c%03d", i), mixedSmall(), TrainingSettings.defaults().withSubset(100),
                1000 + i);
    }
}
