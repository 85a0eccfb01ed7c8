package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.CoefficientGrid;
import org.effnas.search.ProgressListener;
import org.effnas.surrogate.SimulatedDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridExperimentTest {

    @TempDir
    Path dir;

    @Test
    void writesTheGridTheWinnerTheComparisonAndTheEvaluatedFamily() throws Exception {
        GridSettings s = new GridSettings("effnas-mini", CoefficientGrid.of(0.1, 2.0, 0.1, 6), 2, 1, true, 2,
                Double.POSITIVE_INFINITY);
        ExperimentOptions o = ExperimentOptions.of(dir, false, 3, null, false, false, 1, TrainingSettings.defaults());
        GridExperiment.Result r = GridExperiment.run(s, o, base -> EvaluatorChoice.surrogate(base, SimulatedDuration.none()),
                ProgressListener.none());
        List<String> grid = Files.readAllLines(dir.resolve("grid.csv"));
        assertEquals(7, grid.size());
        assertEquals(1, grid.stream().filter(l -> l.endsWith(",true")).count());
        assertTrue(Files.readString(dir.resolve("winner.yaml")).contains("SURROGATE"));
        assertEquals(5, Files.readAllLines(dir.resolve("single-dimension.csv")).size());
        List<String> family = Files.readAllLines(dir.resolve("family-accuracy.csv"));
        assertEquals(4, family.size());
        assertTrue(family.get(1).startsWith("effnas-mini-phi0,"));
        assertTrue(Files.exists(dir.resolve("family-journal.jsonl")));
        assertTrue(r.family().isPresent());
        int distinct = org.effnas.grid.GridSearch.of(org.effnas.reference.Architectures.get("effnas-mini"),
                CoefficientGrid.of(0.1, 2.0, 0.1, 6), 2, 1, true).proposals().size();
        assertEquals(distinct, r.outcome().observations().size(), "each distinct spec once per seed");
        assertTrue(distinct <= (6 + 3) * 2, "specs that round alike are evaluated once");
        assertTrue(r.report().rows().stream().allMatch(row -> row.accuracy().n() == 2), "and reported for every triple");
    }
}
