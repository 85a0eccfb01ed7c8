package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class InspectCommandTest {

    @TempDir
    Path dir;

    /** One CLI run with stdout and stderr captured. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Effnas.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Bad input: exit 2 and one line on stderr naming the problem (an option picocli rejects gets a
     * second line pointing at --help), never a stack trace.
     */
    static void assertBadInput(Run r, String expected) {
        assertEquals(Effnas.EXIT_BAD_INPUT, r.exitCode(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(lines.get(0).startsWith("effnas: "), r.err());
        assertTrue(lines.get(0).contains(expected), r.err());
        assertTrue(lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Try 'effnas "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    static List<String> architectures() {
        return Architectures.names();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void csvListsEveryLayerAndTheExactTotals(String name) {
        Run r = run("inspect", name, "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        Cost cost = CostModel.of(Architectures.get(name));
        List<String> lines = r.out().lines().toList();
        assertEquals("layer,type,height,width,channels,params,macs,activations", lines.get(0));
        assertEquals(cost.layers().size() + 2, lines.size());
        assertEquals("total,,,,," + cost.params() + "," + cost.macs() + "," + cost.activations(),
                lines.get(lines.size() - 1));
        assertTrue(lines.get(1).startsWith("stem.conv,conv,"), lines.get(1));
    }

    @Test
    void tableShowsShapesAndTotals() {
        Run r = run("inspect", "efficientnet-b0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("efficientnet-b0: 224x224x3 input, 1000 classes, 7 stages, 16 blocks, swish"));
        assertTrue(r.out().contains("112x112x32"), r.out());
        assertTrue(r.out().contains("5,288,548 params"), r.out());
        assertTrue(r.out().contains("385,814,752 MACs"), r.out());
    }

    @Test
    void jsonHasLayersAndTotals() throws IOException {
        Run r = run("inspect", "effnas-mini", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(233_622, root.get("totals").get("params").asLong());
        assertEquals(CostModel.of(Architectures.get("effnas-mini")).layers().size(), root.get("layers").size());
        assertEquals("stem.conv", root.get("layers").get(0).get("name").asText());
    }

    @ParameterizedTest
    @MethodSource("org.effnas.reference.Architectures#names")
    void dl4jCountEqualsTheCostModelInJson(String name) throws IOException {
        Run r = run("inspect", name, "--resolution", "32", "--classes", "10", "--dl4j", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode totals = new ObjectMapper().readTree(r.out()).get("totals");
        assertEquals(totals.get("params").asLong(), totals.get("dl4j_trainable_params").asLong(), name);
    }

    @Test
    void dl4jCountIsPrintedBesideTheTable() {
        Run r = run("inspect", "mnasnet-a1", "--resolution", "64", "--dl4j");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("trainable params (equal to the cost model)"), r.out());
    }

    @Test
    void overridesChangeTheInputAndClassifier() {
        Run r = run("inspect", "efficientnet-b0", "--resolution", "32", "--classes", "10", "--in-channels", "1",
                "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        ArchSpec spec = Architectures.get("efficientnet-b0").withInput(32, 1, 10);
        assertTrue(r.out().strip().endsWith("," + CostModel.of(spec).params() + "," + CostModel.of(spec).macs() + ","
                + CostModel.of(spec).activations()), r.out());
        assertTrue(r.out().contains("stem.conv,conv,16,16,32,288,"), r.out());
    }

    @Test
    void specFilesAreAcceptedInYamlAndJson() throws IOException {
        ArchSpec mini = Architectures.get("effnas-mini");
        Path yaml = dir.resolve("mini.yaml");
        Path json = dir.resolve("mini.json");
        Files.writeString(yaml, SpecFiles.toYaml(mini));
        Files.writeString(json, SpecFiles.toJson(mini));
        assertEquals(run("inspect", "effnas-mini", "--format", "csv").out(), run("inspect", yaml.toString(), "--format", "csv").out());
        assertEquals(run("inspect", "effnas-mini", "--format", "csv").out(), run("inspect", json.toString(), "--format", "csv").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fused_r1_k3_s11_e1_i32_o16|unknown block op 'fused_'",
            "r0_k3_s11_e1_i32_o16|token 'r0': expected r followed by the number of repeats >= 1",
            "r-2_k3_s11_e1_i32_o16|token 'r-2'",
            "r1_k3_s33_e1_i32_o16|token 's33': expected a stride pair s11 or s22",
            "r1_k3_s11_e1_i32|missing token o (output filters)"})
    void badSpecFilesExitTwoWithOneLine(String block, String expected) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "blocks:\n  - " + block + "\n");
        assertBadInput(run("inspect", file.toString()), file + ": stage 1 '" + block + "': ");
        assertBadInput(run("inspect", file.toString()), expected);
    }

    @Test
    void unknownNamesUnreadableFilesAndBadOptionsExitTwo() {
        assertBadInput(run("inspect", "resnet50"), "neither a built-in");
        assertBadInput(run("inspect", dir.toString()), "cannot be read");
        assertBadInput(run("inspect", "effnas-mini", "--resolution", "0"), "resolution: must be in [1, 4096], got 0");
        assertBadInput(run("inspect", "effnas-mini", "--format", "xml"), "Invalid value for option '--format': unknown value 'xml', expected table, csv or json");
        assertBadInput(run("inspect", "effnas-mini", "--classes", "ten"), "--classes");
    }

    @Test
    void helpIsCompleteWithAnExample() {
        Run r = run("inspect", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--resolution", "--classes", "--in-channels", "--format", "ARCH", "Examples:",
                "effnas inspect efficientnet-b0")) {
            assertTrue(r.out().contains(option), option);
        }
    }
}
