package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.report.FamilyPoint;
import org.effnas.report.GridPoint;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through {@link Effnas#execute}: a tiny surrogate experiment, refusal, resume, report. */
class RunCommandTest {

    private static final String TINY = """
            dataset: fashion-mnist
            space: mnasnet-small
            evaluator: {kind: surrogate, local_workers: 2}
            strategy: {name: evolution, population: 4, random_baseline: true, budget: {evaluations: 8}}
            grid: {max_triples: 4, max: 1.4}
            family: {phi_max: 2}
            seed: 11
            """;

    @Test
    void runsTheWholePipelineWithTheSurrogate(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        Path out = tmp.resolve("exp");
        assertEquals(0, Effnas.execute("run", "--config", config.toString(), "--out", out.toString()));
        for (String f : List.of("config.yaml", "journal.jsonl", "random-journal.jsonl", "grid-journal.jsonl",
                "family-journal.jsonl", "candidates.csv", "grid.csv", "family.csv", "best/spec.yaml", "best/spec.json",
                "family/B0.yaml", "family/B2.yaml", "family/W2.yaml", "report.html", "accuracy-vs-macs.png",
                "best-reward-vs-evaluations.png", "best-reward-vs-time.png", "grid-heatmap.png", "family-scaling.png")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        List<GridPoint> grid = ResultTables.readGrid(out);
        assertEquals(1, grid.stream().filter(GridPoint::winner).map(p -> p.alpha() + "/" + p.beta() + "/" + p.gamma())
                .distinct().count(), "one winning triple");
        assertTrue(grid.stream().allMatch(p -> Math.abs(p.alpha() * p.beta() * p.beta() * p.gamma() * p.gamma() - 2) <= 0.1 + 1e-9));
        List<FamilyPoint> family = ResultTables.readFamily(out);
        assertEquals(List.of("B0", "B1", "B2"), family.stream().filter(p -> p.scaling().equals(FamilyPoint.COMPOUND))
                .map(FamilyPoint::name).toList());
        assertTrue(family.get(0).m().candidateId().startsWith("search/"), "B0 is the search winner, not retrained");
        assertTrue(family.stream().allMatch(p -> p.m().ok() && p.m().surrogate()));
        List<SearchPoint> rows = ResultTables.readSearch(out);
        assertEquals(16, rows.size());
        assertTrue(rows.stream().allMatch(p -> p.m().surrogate() && p.m().codeVersion().contains("+")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("SURROGATE"));

        // never overwritten; resumed with --resume (nothing left to do: the budget is spent)
        String journal = Files.readString(out.resolve("journal.jsonl"));
        assertEquals(2, Effnas.execute("run", "--config", config.toString(), "--out", out.toString()));
        assertEquals(journal, Files.readString(out.resolve("journal.jsonl")));
        assertEquals(0, Effnas.execute("run", "--config", config.toString(), "--out", out.toString(), "--resume"));
        assertEquals(16, ResultTables.readSearch(out).size());

        // a larger budget on resume continues the same journal
        Files.writeString(config, TINY.replace("evaluations: 8", "evaluations: 10"));
        assertEquals(0, Effnas.execute("run", "--config", config.toString(), "--out", out.toString(), "--resume"));
        assertEquals(20, ResultTables.readSearch(out).size());
        assertTrue(Files.readString(out.resolve("journal.jsonl")).startsWith(journal));

        Files.delete(out.resolve("report.html"));
        assertEquals(0, Effnas.execute("report", out.toString()));
        assertTrue(Files.exists(out.resolve("report.html")));

        // a run interrupted before candidates.csv: the report reads the journals
        Files.delete(out.resolve("candidates.csv"));
        assertEquals(0, Effnas.execute("report", out.toString()));
        String rebuilt = Files.readString(out.resolve("report.html"));
        assertTrue(rebuilt.contains("20 evaluated (0 failed) in evolution, random"), "rows from both journals");
    }

    @Test
    void runsOnAnEmbeddedClusterLikeTheDemo(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("cluster.yaml");
        Files.writeString(config, """
                evaluator: surrogate
                strategy: {population: 4, budget: {evaluations: 6}}
                grid: {max_triples: 3, max: 1.4}
                family: {phi_max: 1, single_dimension: false}
                cluster: {mode: embedded, embedded_workers: 2}
                """);
        Path out = tmp.resolve("exp");
        assertEquals(0, Effnas.execute("run", "--config", config.toString(), "--out", out.toString()));
        List<SearchPoint> rows = ResultTables.readSearch(out);
        assertEquals(6, rows.size());
        assertTrue(rows.stream().allMatch(p -> p.m().workerId().matches("surrogate/local-[01]/cpu0")),
                "evaluated by the cluster's workers");
        assertEquals(List.of("B0", "B1"), ResultTables.readFamily(out).stream().map(FamilyPoint::name).toList());
    }

    @Test
    void badConfigIsExitTwo(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "grid: {step: -0.1}\nstrategy: {budgett: 3}\n");
        assertEquals(2, Effnas.execute("run", "--config", config.toString(), "--out", tmp.resolve("x").toString()));
        assertTrue(Files.notExists(tmp.resolve("x")), "nothing is created for a bad config");
        assertEquals(2, Effnas.execute("run", "--config", tmp.resolve("missing.yaml").toString()));
        assertEquals(2, Effnas.execute("report", tmp.toString()));
    }
}
