package org.effnas.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpecFilesTest {

    @TempDir
    Path dir;

    static List<String> architectures() {
        return Architectures.names();
    }

    @Test
    void everyKeyButBlocksDefaultsToB0() {
        ArchSpec spec = SpecFiles.parseYaml("blocks:\n  - r1_k3_s11_e1_i32_o16_se0.25\n", "mini.yaml");
        ArchSpec b0 = Architectures.get("efficientnet-b0");
        assertEquals(b0.resolution(), spec.resolution());
        assertEquals(b0.inChannels(), spec.inChannels());
        assertEquals(b0.classes(), spec.classes());
        assertEquals(b0.stem(), spec.stem());
        assertEquals(b0.head(), spec.head());
        assertEquals(b0.activation(), spec.activation());
        assertEquals(b0.dropout(), spec.dropout());
        assertEquals(b0.dropConnect(), spec.dropConnect());
    }

    @Test
    void yamlIsWrittenInTheDocumentedLayout() {
        assertEquals("""
                resolution: 28
                in_channels: 1
                classes: 10
                stem: k3_s1_o16
                blocks:
                  - r1_k3_s11_e1_i16_o16_se0.25
                  - r2_k3_s22_e6_i16_o24_se0.25
                  - r2_k5_s22_e6_i24_o40_se0.25
                  - r2_k3_s11_e6_i40_o80_se0.25
                head: o320
                activation: swish
                dropout: 0.2
                drop_connect: 0.2
                """, SpecFiles.toYaml(Architectures.get("effnas-mini")));
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void everyBuiltinRoundTripsThroughYamlAndJson(String name) {
        ArchSpec spec = Architectures.get(name);
        String yaml = SpecFiles.toYaml(spec);
        String json = SpecFiles.toJson(spec);
        assertEquals(spec, SpecFiles.parseYaml(yaml, name));
        assertEquals(spec, SpecFiles.parseJson(json, name));
        assertEquals(yaml, SpecFiles.toYaml(SpecFiles.parseJson(json, name)));
        assertEquals(json, SpecFiles.toJson(SpecFiles.parseYaml(yaml, name)));
    }

    @Test
    void readPicksTheFormatByExtensionThenContent() throws IOException {
        ArchSpec spec = Architectures.get("mnasnet-a1");
        Path noExtension = dir.resolve("spec");
        Files.writeString(noExtension, SpecFiles.toJson(spec));
        assertEquals(spec, SpecFiles.read(noExtension));
        Path yml = dir.resolve("spec.yml");
        Files.writeString(yml, SpecFiles.toYaml(spec));
        assertEquals(spec, SpecFiles.read(yml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "colour: red|unknown key 'colour'; allowed keys are [activation, blocks, classes, drop_connect, dropout, head, in_channels, resolution, stem]",
            "resolution: big|resolution must be an integer, got 'big'",
            "activation: tanh|activation: unknown value 'tanh', expected swish or relu",
            "dropout: 1.5|dropout: must be in [0, 1), got 1.5",
            "classes: 1|classes: must be in [2, 1000000], got 1",
            "stem: k3_s2|stem 'k3_s2': missing token o (filters)",
            "head: 1280|head '1280': expected o followed by the head filters"})
    void badKeysAreOneLineErrorsNamingTheFileAndKey(String line, String expected) {
        String text = line + "\nblocks:\n  - r1_k3_s11_e1_i32_o16\n";
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml(text, "my.yaml"));
        assertTrue(ex.getMessage().startsWith("my.yaml: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void chainErrorsNameTheStage() {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml(
                "blocks:\n  - r1_k3_s11_e1_i32_o16\n  - r1_k3_s22_e6_i24_o24\n", "chain.yaml"));
        assertEquals("chain.yaml: stage 2 input filters: must equal the previous stage's output filters 16, got 24",
                ex.getMessage());
    }

    @Test
    void missingBlocksAndMalformedDocumentsAreOneLineErrors() {
        assertTrue(assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml("classes: 10\n", "a.yaml"))
                .getMessage().contains("blocks is required"));
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> SpecFiles.parseYaml("blocks: [r1_k3\n  - :", "b.yaml"));
        assertTrue(ex.getMessage().startsWith("b.yaml: not valid YAML"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
        ex = assertThrows(InvalidInputException.class, () -> SpecFiles.parseJson("{\"blocks\": [", "c.json"));
        assertTrue(ex.getMessage().startsWith("c.json: not valid JSON"), ex.getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml("", "d.yaml"))
                .getMessage().contains("is empty"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml("- a\n- b\n", "e.yaml"))
                .getMessage().contains("must be a mapping"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SpecFiles.parseYaml("blocks: r1\n", "f.yaml"))
                .getMessage().contains("blocks must be a list"));
    }

    @Test
    void unreadableFileIsBadInputNamingIt() {
        Path missing = dir.resolve("missing.yaml");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SpecFiles.read(missing));
        assertTrue(ex.getMessage().startsWith("file " + missing + ": cannot be read"), ex.getMessage());
        InvalidInputException isDir = assertThrows(InvalidInputException.class, () -> SpecFiles.read(dir));
        assertTrue(isDir.getMessage().contains("cannot be read"), isDir.getMessage());
    }
}
