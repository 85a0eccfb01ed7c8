package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.effnas.eval.TrainingSettings;
import org.effnas.grid.AccuracySummary;
import org.effnas.grid.CoefficientGrid;
import org.effnas.reference.Architectures;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.spec.ArchSpec;
import org.effnas.trust.RungTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid under ASHA rungs with seeds, on the surrogate's learning curves: every triple at the first
 * rung, a triple's seeds promoted together, the winner decided at the top rung over its seeds there,
 * and grid.csv's rows for every rung.
 */
class GridUnderRungsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEDS = 3;
    private static final SchedulerSettings ASHA = SchedulerSettings.asha(30, 270, 3);
    private static final ArchSpec BASE = Architectures.get("effnas-mini");

    @TempDir
    Path dir;

    private static ExperimentPlan plan(Path out, boolean resume) {
        GridPlan grid = new GridPlan(Optional.of(BASE), CoefficientGrid.of(0.1, 2.0, 0.1, 0), SEEDS,
                OptionalInt.empty(), Double.POSITIVE_INFINITY, false);
        return new ExperimentPlan(Optional.empty(), Optional.of(grid), Optional.empty(), EvaluatorKind.SURROGATE,
                TrainingSettings.defaults(), 7, out, resume, Optional.empty(), false, true, ASHA);
    }

    private static String triple(ExperimentArtefacts.GridEvaluation e) {
        return e.row().coefficients().toString();
    }

    @Test
    void everyTripleStartsAtTheFirstRungAndTheTopRungHoldsEverySeedOfTheTriplesThatReachIt() {
        ExperimentEngineTest.Tables tables = new ExperimentEngineTest.Tables();
        ExperimentOutcome o = ExperimentEngine.run(plan(dir.resolve("g"), false), ExperimentEngineTest.SURROGATE,
                tables, BestModelSaver.NONE, ExperimentEngineTest.QUIET);
        List<ExperimentArtefacts.GridEvaluation> rows = tables.grid;
        Map<Integer, List<ExperimentArtefacts.GridEvaluation>> byRung = new TreeMap<>();
        rows.forEach(r -> byRung.computeIfAbsent(r.observation().rung(), k -> new ArrayList<>()).add(r));
        assertEquals(Set.of(0, 1, 2), byRung.keySet(), "the grid's table holds every rung, not only the top one");
        Set<String> specsAtRung0 = byRung.get(0).stream().map(r -> r.observation().candidate().specKey())
                .collect(Collectors.toSet());
        int distinctSpecs = o.gridOutcome().orElseThrow().observations().stream()
                .map(ob -> ob.candidate().specKey()).collect(Collectors.toSet()).size();
        assertEquals(distinctSpecs, specsAtRung0.size(), "every feasible triple's network trained at the first rung");
        assertTrue(distinctSpecs >= 4, "enough triples to promote among: " + distinctSpecs);
        for (var e : byRung.entrySet()) {
            // a triple at a rung is there with all its seeds: promoted together, each continuing its checkpoint
            Map<String, Set<Long>> seeds = new TreeMap<>();
            e.getValue().forEach(r -> seeds.computeIfAbsent(r.observation().candidate().specKey(), k -> new TreeSet<>())
                    .add(r.observation().candidate().seed()));
            seeds.forEach((spec, s) -> assertEquals(SEEDS, s.size(), "rung " + e.getKey() + ": " + spec + " has seeds "
                    + s));
            for (var r : e.getValue()) {
                assertEquals(ASHA.ladder().stepsAt(e.getKey()), r.observation().candidate().fidelity().steps());
                if (e.getKey() > 0) {
                    assertEquals(ASHA.ladder().stepsAt(e.getKey() - 1), r.observation().candidate().fidelity().fromSteps(),
                            "a promotion continues the seed's own checkpoint");
                }
            }
        }
        assertTrue(byRung.get(1).size() < byRung.get(0).size(), "not every triple was promoted");
        // the grid's rank agreement is over triples (mean over seeds), not over seeds of one triple
        RungTrust trust = RungTrust.byArchitecture(o.gridOutcome().orElseThrow().observations());
        assertEquals(byRung.get(1).size() / SEEDS, trust.consecutive().get(0).common());
        assertTrue(trust.noise().known(), "seeds at every rung give the noise floor");

        // the winner: best mean at the top rung, its interval over the seeds measured there
        List<ExperimentArtefacts.GridEvaluation> top = byRung.get(2);
        Map<String, List<Double>> topAcc = new TreeMap<>();
        top.forEach(r -> topAcc.computeIfAbsent(triple(r), k -> new ArrayList<>()).add(r.observation().accuracy()));
        ExperimentArtefacts.GridEvaluation winner = rows.stream().filter(r -> r.row().winner())
                .filter(r -> r.observation().rung() == 2).findFirst().orElseThrow();
        AccuracySummary expected = AccuracySummary.of(topAcc.get(triple(winner)), 0);
        assertEquals(SEEDS, winner.row().accuracy().n(), "the winner's interval covers every seed at the top rung");
        assertEquals(expected.mean(), winner.row().accuracy().mean(), 1e-12);
        assertEquals(expected.ciLow(), winner.row().accuracy().ciLow(), 1e-12);
        assertTrue(Double.isFinite(winner.row().accuracy().ciLow()) && winner.row().accuracy().ciLow()
                < winner.row().accuracy().ciHigh());
        for (List<Double> accs : topAcc.values()) {
            assertTrue(AccuracySummary.of(accs, 0).mean() <= expected.mean() + 1e-12, "the winner has the best top-rung mean");
        }
        assertEquals(o.grid().orElseThrow().winner().orElseThrow().coefficients(), winner.row().coefficients());
        // the winner is marked on its rows at every rung, and each rung's rows summarise that rung only
        Set<Integer> winnerRungs = rows.stream().filter(r -> r.row().winner()).map(r -> r.observation().rung())
                .collect(Collectors.toSet());
        assertEquals(Set.of(0, 1, 2), winnerRungs);
        for (var r : byRung.get(0)) {
            List<Double> same = byRung.get(0).stream().filter(x -> triple(x).equals(triple(r)))
                    .map(x -> x.observation().accuracy()).toList();
            assertEquals(AccuracySummary.of(same, 0).mean(), r.row().accuracy().mean(), 1e-12);
        }
    }

    @Test
    void thePlansStepCountIsWhatTheGridTrains() {
        ExperimentPlan p = plan(dir.resolve("steps"), false);
        String described = PlanEstimate.of(p).describe(p);
        ExperimentOutcome o = ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(),
                BestModelSaver.NONE, ExperimentEngineTest.QUIET);
        long trained = o.gridOutcome().orElseThrow().observations().stream()
                .mapToLong(ob -> ob.candidate().fidelity().incrementalSteps()).sum();
        assertTrue(described.endsWith("; " + trained + " optimizer steps in all"), trained + " vs " + described);
    }

    @Test
    void aSmallGridEntersTheLadderWhereItsTriplesCanClimbIt() {
        // 6 triples on 30/90/270/810: from 30 steps halving leaves 2, then none; from 270, 2 reach 810
        SchedulerSettings long4 = SchedulerSettings.asha(30, 810, 3);
        GridPlan grid = new GridPlan(Optional.of(BASE), CoefficientGrid.of(0.1, 2.0, 0.1, 6), 1, OptionalInt.empty(),
                Double.POSITIVE_INFINITY, false);
        ExperimentPlan p = new ExperimentPlan(Optional.empty(), Optional.of(grid), Optional.empty(),
                EvaluatorKind.SURROGATE, TrainingSettings.defaults(), 7, dir.resolve("small"), false, Optional.empty(),
                false, true, long4);
        String described = PlanEstimate.of(p).describe(p);
        ExperimentOutcome o = ExperimentEngine.run(p, ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(),
                BestModelSaver.NONE, ExperimentEngineTest.QUIET);
        List<org.effnas.search.Observation> obs = o.gridOutcome().orElseThrow().observations();
        assertEquals(6, obs.stream().filter(ob -> ob.candidate().fidelity().steps() == 270).count(),
                "every triple's first rung is 270 steps");
        assertEquals(Set.of(270L, 810L), obs.stream().map(ob -> ob.candidate().fidelity().steps())
                .collect(Collectors.toSet()));
        assertEquals(2, obs.stream().filter(ob -> ob.candidate().fidelity().steps() == 810).count(),
                "the top third of 6 reach 810 steps by the rule, not by forced promotions");
        long trained = obs.stream().mapToLong(ob -> ob.candidate().fidelity().incrementalSteps()).sum();
        assertTrue(described.endsWith("; " + trained + " optimizer steps in all"), trained + " vs " + described);
        assertTrue(described.contains("the grid starts at 270 steps"), "the plan line names the grid's entry: "
                + described);
    }

    @Test
    void aResumedGridRecordsEachSeedsRungOnceAndEndsAsTheWholeRun() throws IOException {
        Path whole = dir.resolve("whole");
        ExperimentEngine.run(plan(whole, false), ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(),
                BestModelSaver.NONE, ExperimentEngineTest.QUIET);
        List<String> all = recorded(whole);
        assertEquals(new HashSet<>(all).size(), all.size());
        List<String> lines = Files.readAllLines(whole.resolve(PhaseKind.GRID.journal()));
        // cut points inside the promotions, where a triple's seeds were only partly promoted
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            if (n.path("type").asText().equals("submitted") && n.path("id").asText().endsWith("@r1")) {
                cuts.add(i + 1);
            }
        }
        assertFalse(cuts.isEmpty());
        for (int cut : List.of(cuts.get(0), cuts.get(cuts.size() - 1))) {
            Path part = dir.resolve("cut" + cut);
            Files.createDirectories(part);
            Files.write(part.resolve(PhaseKind.GRID.journal()), lines.subList(0, cut));
            ExperimentEngine.run(plan(part, true), ExperimentEngineTest.SURROGATE, new ExperimentEngineTest.Tables(),
                    BestModelSaver.NONE, ExperimentEngineTest.QUIET);
            List<String> resumed = recorded(part);
            assertEquals(new HashSet<>(resumed).size(), resumed.size(), "cut at line " + cut + ": a rung twice");
            assertEquals(new TreeSet<>(all), new TreeSet<>(resumed), "cut at line " + cut);
        }
    }

    private static List<String> recorded(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(PhaseKind.GRID.journal()))) {
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("result")) {
                ids.add(n.path("id").asText());
            }
        }
        return ids;
    }
}
