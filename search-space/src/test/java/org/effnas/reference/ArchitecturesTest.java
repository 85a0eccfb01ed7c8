package org.effnas.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.notation.SpecFiles;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.MBConv;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitecturesTest {

    @TempDir
    Path dir;

    static List<String> architectures() {
        return Architectures.names();
    }

    @Test
    void namesAreTheTenBuiltins() {
        assertEquals(List.of("efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3",
                "efficientnet-b4", "efficientnet-b5", "efficientnet-b6", "efficientnet-b7", "mnasnet-a1",
                "effnas-mini"), Architectures.names());
    }

    /** EfficientNet paper, Table 1. */
    @Test
    void b0IsTable1() {
        ArchSpec b0 = Architectures.get("efficientnet-b0");
        assertEquals(32, b0.stem().filters());
        assertEquals(2, b0.stem().stride());
        assertEquals(List.of(16, 24, 40, 80, 112, 192, 320), b0.stages().stream().map(Stage::outputFilters).toList());
        assertEquals(List.of(1, 2, 2, 3, 3, 4, 1), b0.stages().stream().map(Stage::repeats).toList());
        assertEquals(List.of(3, 3, 5, 3, 5, 5, 3), b0.stages().stream().map(Stage::kernel).toList());
        assertEquals(List.of(1, 2, 2, 2, 1, 2, 1), b0.stages().stream().map(Stage::stride).toList());
        assertEquals(List.of(1, 6, 6, 6, 6, 6, 6), b0.stages().stream().map(Stage::expansion).toList());
        assertTrue(b0.stages().stream().allMatch(s -> s.seRatio() == 0.25 && s.skip()));
        assertEquals(1280, b0.head().filters());
        assertEquals(Activation.SWISH, b0.activation());
    }

    /** MnasNet paper, Figure 7, in the official block strings. */
    @Test
    void mnasnetA1IsFigure7() {
        ArchSpec a1 = Architectures.get("mnasnet-a1");
        assertEquals(List.of(16, 24, 40, 80, 112, 160, 320), a1.stages().stream().map(Stage::outputFilters).toList());
        assertEquals(List.of(1, 2, 3, 4, 2, 3, 1), a1.stages().stream().map(Stage::repeats).toList());
        assertEquals(List.of(3, 3, 5, 3, 3, 5, 3), a1.stages().stream().map(Stage::kernel).toList());
        assertEquals(List.of(1, 6, 3, 6, 6, 6, 6), a1.stages().stream().map(Stage::expansion).toList());
        assertEquals(List.of(0.0, 0.0, 0.25, 0.0, 0.25, 0.25, 0.0), a1.stages().stream().map(Stage::seRatio).toList());
        assertEquals(MBConv.of(1), a1.stages().get(0).op());
        assertFalse(a1.stages().get(0).skip());
        assertEquals(Activation.RELU, a1.activation());
    }

    @Test
    void effnasMiniIsTheWorkerBenchmarkNet() {
        ArchSpec mini = Architectures.get("effnas-mini");
        assertEquals(28, mini.resolution());
        assertEquals(1, mini.inChannels());
        assertEquals(10, mini.classes());
        assertEquals("k3_s1_o16", org.effnas.notation.BlockStrings.formatStem(mini.stem()));
        assertEquals(320, mini.head().filters());
        assertEquals(List.of("r1_k3_s11_e1_i16_o16_se0.25", "r2_k3_s22_e6_i16_o24_se0.25",
                "r2_k5_s22_e6_i24_o40_se0.25", "r2_k3_s11_e6_i40_o80_se0.25"),
                mini.stages().stream().map(org.effnas.notation.BlockStrings::format).toList());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void everyBuiltinResolvesByNameAndRoundTripsThroughAFile(String name) throws IOException {
        ArchSpec spec = Architectures.resolve(name);
        Path yaml = dir.resolve(name + ".yaml");
        Path json = dir.resolve(name + ".json");
        Files.writeString(yaml, SpecFiles.toYaml(spec));
        Files.writeString(json, SpecFiles.toJson(spec));
        assertEquals(spec, Architectures.resolve(yaml.toString()));
        assertEquals(spec, Architectures.resolve(json.toString()));
    }

    @Test
    void unknownNameListsTheBuiltins() {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> Architectures.get("resnet50"));
        assertTrue(ex.getMessage().contains("efficientnet-b0") && ex.getMessage().contains("effnas-mini"));
        ex = assertThrows(InvalidInputException.class, () -> Architectures.resolve("no/such/file.yaml"));
        assertTrue(ex.getMessage().contains("neither a built-in"), ex.getMessage());
    }
}
