package org.effnas.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.effnas.scaling.OfficialEfficientNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EfficientNet paper, Table 2: B0..B7 at 1000 classes. Params and MACs as printed (rounded to two
 * significant digits), and the exact parameter counts of the official implementation as
 * torchvision/timm report them.
 */
class PaperTable2Test {

    static Stream<Arguments> table2() {
        // index, paper params, paper MACs, MAC tolerance, exact params (torchvision/timm)
        return Stream.of(
                Arguments.of(0, 5.3e6, 0.39e9, 0.03, 5_288_548L),
                Arguments.of(1, 7.8e6, 0.70e9, 0.03, 7_794_184L),
                Arguments.of(2, 9.2e6, 1.0e9, 0.03, 9_109_994L),
                Arguments.of(3, 12e6, 1.8e9, 0.03, 12_233_232L),
                Arguments.of(4, 19e6, 4.2e9, 0.05, 19_341_616L),
                Arguments.of(5, 30e6, 9.9e9, 0.05, 30_389_784L),
                Arguments.of(6, 43e6, 19e9, 0.03, 43_040_704L),
                Arguments.of(7, 66e6, 37e9, 0.03, 66_347_960L));
    }

    /**
     * Params within the paper's printed rounding (half a unit of its last digit), or 1%: B2's
     * 9.11M is printed as 9.2M, the one row the paper's rounding does not explain.
     */
    @ParameterizedTest(name = "B{0}")
    @MethodSource("table2")
    void paramsMatchThePaper(int index, double params, double macs, double macTolerance, long exact) {
        Cost c = CostModel.of(OfficialEfficientNet.model(index, 1000));
        double halfUnit = params >= 10e6 ? 0.5e6 : 0.05e6;
        double allowed = Math.max(halfUnit, 0.01 * params);
        assertTrue(Math.abs(c.params() - params) <= allowed,
                "B" + index + " params " + c.params() + " vs paper " + params);
    }

    /**
     * MACs within 5% for B4 and B5 (as the issue allows) and 3% for the rest: the paper's printed
     * figures round inconsistently (B1's 0.687B is printed 0.70B, B7's 37.7B is printed 37B), while
     * torchvision's three-decimal figures are matched exactly below.
     */
    @ParameterizedTest(name = "B{0}")
    @MethodSource("table2")
    void macsMatchThePaper(int index, double params, double macs, double macTolerance, long exact) {
        Cost c = CostModel.of(OfficialEfficientNet.model(index, 1000));
        assertTrue(Math.abs(c.macs() - macs) <= macTolerance * macs,
                "B" + index + " MACs " + c.macs() + " vs paper " + macs);
    }

    /**
     * torchvision's model table lists GFLOPS (multiply-adds, 3 decimals) at each model's evaluation
     * crop: the official resolution for every model but B2, which it evaluates at 288 px.
     */
    static Stream<Arguments> torchvisionGmacs() {
        return Stream.of(Arguments.of(0, 224, 0.386), Arguments.of(1, 240, 0.687),
                Arguments.of(2, 288, 1.088), Arguments.of(3, 300, 1.827), Arguments.of(4, 380, 4.394),
                Arguments.of(5, 456, 10.266), Arguments.of(6, 528, 19.068), Arguments.of(7, 600, 37.746));
    }

    @ParameterizedTest(name = "B{0} at {1} px")
    @MethodSource("torchvisionGmacs")
    void macsEqualTorchvisionsFigureToThreeDecimals(int index, int resolution, double gmacs) {
        long macs = CostModel.of(OfficialEfficientNet.model(index, 1000).withResolution(resolution)).macs();
        assertEquals(gmacs, Math.round(macs / 1e6) / 1e3, 1e-9);
    }

    @ParameterizedTest(name = "B{0}")
    @MethodSource("table2")
    void paramsEqualTheOfficialImplementationExactly(int index, double params, double macs,
                                                     double macTolerance, long exact) {
        assertEquals(exact, CostModel.of(OfficialEfficientNet.model(index, 1000)).params());
    }
}
