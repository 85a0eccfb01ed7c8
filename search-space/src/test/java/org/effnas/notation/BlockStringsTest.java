package org.effnas.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.InvalidSpecException;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockStringsTest {

    static List<String> architectures() {
        return Architectures.names();
    }

    @ParameterizedTest
    @ValueSource(strings = {"r1_k3_s11_e1_i32_o16_se0.25", "r2_k3_s22_e6_i16_o24_se0.25",
            "r1_k3_s11_e1_i32_o16_noskip", "sep_r1_k3_s11_e1_i32_o16", "conv_r3_k5_s22_e1_i16_o24_se0.5_noskip",
            "r4_k7_s22_e3_i8_o8_se1"})
    void canonicalStringsRoundTripExactly(String text) {
        assertEquals(text, BlockStrings.format(BlockStrings.parse(text, 1)));
    }

    @Test
    void parsesEveryField() {
        Stage s = BlockStrings.parse("r2_k5_s22_e6_i24_o40_se0.25", 3);
        assertEquals(Stage.of(MBConv.of(6), 2, 5, 2, 24, 40, 0.25, true), s);
        assertEquals(SeparableConv.of(), BlockStrings.parse("sep_r1_k3_s11_e1_i32_o16", 1).op());
        assertEquals(PlainConv.of(), BlockStrings.parse("conv_r1_k3_s11_e1_i32_o16", 1).op());
        assertFalse(BlockStrings.parse("r1_k3_s11_e1_i32_o16_noskip", 1).skip());
        // token order is free; formatting puts them in canonical order
        assertEquals("r2_k3_s22_e6_i16_o24", BlockStrings.format(BlockStrings.parse("o24_i16_e6_s22_k3_r2", 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "r0_k3_s11_e1_i32_o16|token 'r0': expected r followed by the number of repeats >= 1",
            "r1_k4_s11_e1_i32_o16|token 'k4': expected k followed by an odd kernel size",
            "r1_k3_s33_e1_i32_o16|token 's33': expected a stride pair s11 or s22",
            "r1_k3_s12_e1_i32_o16|token 's12'",
            "r1_k3_s11_e1_i32|missing token o (output filters)",
            "r1_k3_s11_e1_i32_o16_x9|unknown token 'x9'",
            "fused_r1_k3_s11_e1_i32_o16|unknown block op 'fused_'",
            "r1_k3_s11_e1_i32_o16_se1.5|token 'se1.5': expected se followed by a ratio in [0, 1]",
            "r1_k3_s11_e1_i32_o16_sefoo|token 'sefoo'",
            "r1_k3_s11_eX_i32_o16|token 'eX': expected e followed by the expansion ratio",
            "sep_r1_k3_s11_e6_i32_o16|a sep_ stage has no expansion, expected e1",
            "r1_r2_k3_s11_e1_i32_o16|token 'r2': r is given twice",
            "r1_k3__s11_e1_i32_o16|unknown token ''"})
    void malformedStringsNameTheStageAndTheToken(String text, String expected) {
        InvalidSpecException ex = assertThrows(InvalidSpecException.class, () -> BlockStrings.parse(text, 4));
        assertTrue(ex.getMessage().startsWith("stage 4 '" + text + "': "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
    }

    @Test
    void stemAndHeadRoundTrip() {
        assertEquals("k3_s2_o32", BlockStrings.formatStem(BlockStrings.parseStem("k3_s2_o32")));
        assertEquals("o1280", BlockStrings.formatHead(BlockStrings.parseHead("o1280")));
        assertThrows(InvalidSpecException.class, () -> BlockStrings.parseStem("k3_s2"));
        assertThrows(InvalidSpecException.class, () -> BlockStrings.parseHead("1280"));
        assertThrows(InvalidSpecException.class, () -> BlockStrings.parseHead("o0"));
    }

    @Test
    void numbersAreShortForDisplayAndExactForFiles() {
        assertEquals("0.25", BlockStrings.number(0.25));
        assertEquals("0", BlockStrings.number(0));
        assertEquals("1", BlockStrings.number(1.0));
        assertEquals("1.21", BlockStrings.number(1.1 * 1.1));
        assertEquals("0.25", BlockStrings.exactNumber(0.25));
        assertEquals("1", BlockStrings.exactNumber(1.0));
        assertEquals("0.00001", BlockStrings.exactNumber(1e-5));
        double third = 1.0 / 3;
        assertEquals(third, Double.parseDouble(BlockStrings.exactNumber(third)));
        Stage s = Stage.of(MBConv.of(6), 1, 3, 1, 16, 16, third, true);
        assertEquals(s, BlockStrings.parse(BlockStrings.format(s), 1));
    }

    /** Official repeat rule: stride and channel change on the first repeat only. */
    @Test
    void onlyTheFirstRepeatTakesTheStrideAndChannelChange() {
        List<Block> blocks = ArchSpec.of(List.of(BlockStrings.parse("r1_k3_s11_e1_i32_o16", 1),
                BlockStrings.parse("r3_k3_s22_e6_i16_o24_se0.25", 2))).blocks();
        assertEquals(4, blocks.size());
        Block first = blocks.get(1);
        assertEquals(2, first.stride());
        assertEquals(16, first.inputFilters());
        assertFalse(first.residual());
        Block second = blocks.get(2);
        assertEquals(1, second.stride());
        assertEquals(24, second.inputFilters());
        assertTrue(second.residual());
        assertEquals(6, second.seFilters()); // floor(24 * 0.25), from the input filters
        assertEquals(144, second.expandedFilters());
        assertFalse(BlockStrings.parse("r1_k3_s11_e1_i16_o16_noskip", 1).skip()
                && ArchSpec.of(List.of(BlockStrings.parse("r1_k3_s11_e1_i32_o32_noskip", 1))).blocks().get(0).residual());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void canonicalFormIsStableForEveryBuiltin(String name) {
        ArchSpec spec = Architectures.get(name);
        String canonical = BlockStrings.canonical(spec);
        assertFalse(canonical.contains("\n"));
        assertEquals(canonical, BlockStrings.canonical(SpecFiles.parseYaml(SpecFiles.toYaml(spec), name)));
        for (int i = 0; i < spec.stages().size(); i++) {
            assertEquals(spec.stages().get(i), BlockStrings.parse(BlockStrings.format(spec.stages().get(i)), i + 1));
        }
    }
}
