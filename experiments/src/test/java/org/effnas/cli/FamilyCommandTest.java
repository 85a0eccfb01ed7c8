package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.assertBadInput;
import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.OfficialEfficientNet;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FamilyCommandTest {

    @TempDir
    Path dir;

    @Test
    void officialCsvHasExactlyTheDocumentedColumnsAndOneRowPerModel() {
        InspectCommandTest.Run r = run("family", "--official", "--classes", "1000", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("model,phi,width,depth,resolution,params,macs", lines.get(0));
        assertEquals(9, lines.size());
        assertEquals("efficientnet-b0,0,1.0000,1.0000,224,5288548,385814752", lines.get(1));
        for (int i = 0; i < 8; i++) {
            String[] cells = lines.get(i + 1).split(",");
            ArchSpec model = OfficialEfficientNet.model(i, 1000);
            assertEquals("efficientnet-b" + i, cells[0]);
            assertEquals(Integer.toString(model.resolution()), cells[4]);
            assertEquals(Long.toString(CostModel.of(model).params()), cells[5]);
            assertEquals(Long.toString(CostModel.of(model).macs()), cells[6]);
        }
    }

    @Test
    void userTripleScalesTheBaseAndReportsBothRatios() {
        InspectCommandTest.Run r = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--phi", "0..2",
                "--base", "effnas-mini", "--resolution-divisor", "1", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("model,phi,width,depth,resolution,params,macs,nominal_flops_ratio,achieved_flops_ratio,"
                + "stem,head,stage_filters,stage_repeats", lines.get(0));
        assertEquals(4, lines.size());
        ArchSpec mini = Architectures.get("effnas-mini");
        ArchSpec phi2 = CompoundScaling.scale(mini, CompoundCoefficients.of(1.2, 1.1, 1.15).at(2), 1);
        String[] cells = lines.get(3).split(",");
        assertEquals("effnas-mini-phi2", cells[0]);
        assertEquals(Integer.toString(phi2.resolution()), cells[4]);
        assertEquals(Long.toString(CostModel.of(phi2).params()), cells[5]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", Math.pow(1.2 * 1.21 * 1.3225, 2)), cells[7]);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", CompoundScaling.achievedFlopsRatio(mini, phi2)), cells[8]);
        assertEquals("24 32 48 96", cells[11]);
        assertTrue(lines.get(1).startsWith("effnas-mini-phi0,0,1.0000,1.0000,28,233622,"), lines.get(1));
    }

    @Test
    void outWritesEverySpecButNoResultTable() throws IOException {
        InspectCommandTest.Run r = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--phi", "0,1.5",
                "--base", "effnas-mini", "--resolution-divisor", "1", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String name : List.of("effnas-mini-phi0", "effnas-mini-phi1.5")) {
            ArchSpec yaml = SpecFiles.read(dir.resolve("family/" + name + ".yaml"));
            ArchSpec json = SpecFiles.read(dir.resolve("family/" + name + ".json"));
            assertEquals(yaml, json);
        }
        assertEquals(Architectures.get("effnas-mini"), SpecFiles.read(dir.resolve("family/effnas-mini-phi0.yaml")));
        // family.csv is the table of a trained family (ResultTables' schema); this family is not trained
        assertTrue(Files.notExists(dir.resolve("family.csv")));
    }

    @Test
    void theDefaultDivisorIsTheScalingRulesOneAsInExperiments() {
        // effnas-mini (28 px) keeps every pixel: 28 x 1.15^2 = 37.03 -> 37 (a divisor of 4 would give 36)
        InspectCommandTest.Run r = run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--phi", "2",
                "--base", "effnas-mini", "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().contains(",37,"), r.out());
    }

    @Test
    void jsonListsMembersWithStages() throws IOException {
        InspectCommandTest.Run r = run("family", "--official", "--phi", "3", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode member = new ObjectMapper().readTree(r.out()).get("members").get(0);
        assertEquals("efficientnet-b3", member.get("model").asText());
        assertEquals(12_233_232, member.get("params").asLong());
        assertEquals(7, member.get("stages").size());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        assertBadInput(run("family", "--alpha", "0.9", "--beta", "1.1", "--gamma", "1.15"),
                "alpha: must be a finite number >= 1");
        assertBadInput(run("family", "--alpha", "1.2", "--beta", "1.1"), "--alpha, --beta and --gamma are all required");
        assertBadInput(run("family", "--official", "--alpha", "1.2"), "--official: the official table fixes");
        assertBadInput(run("family", "--official", "--phi", "0..9"), "--phi: the official family has phi 0..7 only");
        assertBadInput(run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--phi", "a..b"),
                "--phi: expected a range");
        assertBadInput(run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--phi", "3..1"),
                "--phi: range 3..1 is empty");
        assertBadInput(run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--base", "effnas-mini",
                "--resolution-divisor", "64"), "resolution: 28 x 1.0 = 28.0 rounds to 0 at divisor 64");
        assertBadInput(run("family", "--alpha", "1.2", "--beta", "1.1", "--gamma", "1.15", "--base", "nope.yaml"),
                "neither a built-in");
    }

    @Test
    void helpIsCompleteWithAnExample() {
        InspectCommandTest.Run r = run("family", "--help");
        assertEquals(0, r.exitCode());
        for (String option : List.of("--official", "--alpha", "--beta", "--gamma", "--phi", "--base",
                "--resolution-divisor", "--classes", "--format", "--out", "effnas family --official --classes 1000")) {
            assertTrue(r.out().contains(option), option);
        }
    }
}
