package org.effnas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.spec.MBConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchSpacesTest {

    static final String CUSTOM = """
            name: tiny
            resolution: 32
            in_channels: 3
            classes: 10
            stem: k3_s1_o16
            head: o256
            backbone:
              - {t: 1, c: 16, n: 1, s: 1}
              - {t: 6, c: 32, n: 2, s: 2}
            choices:
              op: [mbconv4, sep]
              kernel: [3, 5, 7]
              se: [0]
              skip: [true]
              filters: [1.0, 2.0]
              layers: [0, 1]
            """;

    @TempDir
    Path dir;

    @Test
    void userSpaceLoadsFromYamlWithItsOwnChoices() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, CUSTOM);
        SearchSpace s = SearchSpaces.load(file);
        assertEquals("tiny", s.name());
        assertEquals(List.of(MBConv.of(4), org.effnas.spec.SeparableConv.of()), s.choices().ops());
        assertEquals(List.of(3, 5, 7), s.choices().kernels());
        assertEquals(32, s.resolution());
        // per block: 2 ops x 3 kernels x 1 x 1 x 2 filters x 2 layers = 24
        assertEquals(BigInteger.valueOf(24L * 24), s.size());
        assertEquals(s, SearchSpaces.resolve(file.toString()));
    }

    @Test
    void jsonFormHasTheSameKeys() throws IOException {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                {"name": "tiny", "resolution": 32, "in_channels": 3, "classes": 10, "stem": "k3_s1_o16",
                 "head": "o256", "backbone": [{"t": 1, "c": 16, "n": 1, "s": 1}, {"t": 6, "c": 32, "n": 2, "s": 2}],
                 "choices": {"op": ["mbconv4", "sep"], "kernel": [3, 5, 7], "se": [0], "skip": [true],
                             "filters": [1.0, 2.0], "layers": [0, 1]}}
                """);
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, CUSTOM);
        assertEquals(SearchSpaces.load(yaml), SearchSpaces.load(file));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "classes: 10|colour: red|unknown key 'colour'; allowed keys are",
            "  op: [mbconv4, sep]|  op: [mbconv4, fused]|choices.op: unknown op 'fused'",
            "  kernel: [3, 5, 7]|  kernel: [3, 4]|choices.kernel: every kernel must be an odd number in [1, 31], got 4",
            "  kernel: [3, 5, 7]|  kernel: [3, 3]|choices.kernel: lists a choice twice",
            "  skip: [true]|  skip: [maybe]|choices.skip: expected true or false, got 'maybe'",
            "  - {t: 6, c: 32, n: 2, s: 2}|  - {t: 6, c: 32, n: 2, s: 3}|backbone s: must be 1 or 2, got 3",
            "  - {t: 6, c: 32, n: 2, s: 2}|  - {t: 6, c: 32, n: 2}|backbone[1].s is required",
            "  - {t: 6, c: 32, n: 2, s: 2}|  - {t: 6, c: 32, n: 2, s: 2, x: 1}|unknown key 'backbone[1].x'",
            "  layers: [0, 1]|  layers: []|choices.layers must not be empty",
            "  filters: [1.0, 2.0]|  filters: [1.0, -2]|choices.filters: every multiplier must be in (0, 64]",
            "stem: k3_s1_o16|stem: k3_s3_o16|stem 'k3_s3_o16': token 's3'"})
    void badFilesAreOneLineErrorsNamingTheKey(String from, String to, String expected) throws IOException {
        Path file = dir.resolve("bad.yaml");
        assertTrue(CUSTOM.contains(from), from);
        Files.writeString(file, CUSTOM.replace(from, to));
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SearchSpaces.load(file));
        assertTrue(ex.getMessage().startsWith(file + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void missingBackboneOrChoicesIsAnError() throws IOException {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "name: x\n");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SearchSpaces.load(file));
        assertTrue(ex.getMessage().contains("backbone is required"), ex.getMessage());
    }

    @Test
    void unknownNameListsTheBuiltins() {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> SearchSpaces.resolve("nasnet"));
        assertTrue(ex.getMessage().contains("mnasnet, mnasnet-small"), ex.getMessage());
        assertThrows(InvalidInputException.class, () -> SearchSpaces.builtin("nasnet"));
    }

    @Test
    void builtinsAreTheShippedYaml() {
        assertEquals(List.of("mnasnet", "mnasnet-small"), SearchSpaces.names());
        SearchSpace small = SearchSpaces.builtin("mnasnet-small");
        assertEquals(28, small.resolution());
        assertEquals(1, small.inChannels());
        assertEquals(10, small.classes());
        assertEquals(1, small.stem().stride());
        assertEquals(320, small.head().filters());
        long strideTwo = small.backbone().stream().filter(b -> b.stride() == 2).count();
        assertTrue(strideTwo <= 3);
    }
}
