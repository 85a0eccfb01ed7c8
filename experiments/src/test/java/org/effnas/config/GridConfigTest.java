package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.effnas.scaling.CompoundCoefficients;
import org.junit.jupiter.api.Test;

class GridConfigTest {

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Path.of("."), "runs/test");
    }

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void aFixedTripleReplacesTheLattice() {
        ExperimentConfig c = parse("grid: {coefficients: [1.2, 1.1, 1.15], seeds: 3}\n");
        assertEquals(List.of(1.2, 1.1, 1.15), c.grid().coefficients());
        assertEquals(List.of(CompoundCoefficients.EFFICIENTNET), c.grid().coefficientGrid().triples());
        assertTrue(c.grid().coefficientGrid().isFixed());
        // without the key the lattice is unchanged: step 0.1, tolerance 0.1, max 2, the 10 nearest
        GridConfig lattice = parse("grid: {seeds: 3}\n").grid();
        assertNull(lattice.coefficients());
        assertEquals(10, lattice.coefficientGrid().triples().size());
    }

    @Test
    void theResolvedConfigLoadsBackToTheSameFixedTriple() {
        ExperimentConfig c = parse("grid: {coefficients: [1.2, 1.1, 1.15]}\ntraining: {steps: 450}\n");
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("coefficients:"), yaml);
        // every lattice default is spelt out beside the triple, and that is accepted
        assertEquals(c, ConfigLoader.parse(yaml, "resolved", Path.of("."), "runs/test"), yaml);
    }

    @Test
    void badTriplesAreReportedWithTheirPath() {
        assertTrue(problems("grid: {coefficients: [1.2, 1.1]}\n").contains(
                "grid.coefficients: must be one triple [alpha, beta, gamma], got 2 number(s)"));
        assertTrue(problems("grid: {coefficients: [0.9, 1.1, 1.15]}\n").contains(
                "grid.coefficients: each of alpha, beta, gamma must be in [1, 4], got [0.9, 1.1, 1.15]"));
        assertTrue(problems("grid: {coefficients: [1, 1, 1]}\n").get(0).startsWith("grid.coefficients: [1, 1, 1] "));
        assertTrue(problems("grid: {coefficients: alpha}\n").get(0).startsWith("grid.coefficients: "));
    }

    @Test
    void aLatticeKeyBesideATripleIsRefusedRatherThanIgnored() {
        List<String> p = problems("grid: {coefficients: [1.2, 1.1, 1.15], step: 0.05, max_triples: 3}\n");
        assertEquals(List.of(
                "grid.step: not used with grid.coefficients (a fixed triple replaces the lattice); drop one of them",
                "grid.max_triples: not used with grid.coefficients (a fixed triple replaces the lattice); drop one of "
                        + "them"), p);
    }
}
