package org.effnas.cli;

import static org.effnas.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command runs the same engine: one config and seed give the same candidates from
 * {@code effnas search} and {@code effnas run}, and each CSV artefact has one header whichever
 * command wrote it.
 */
class EngineParityTest {

    @TempDir
    Path dir;

    /** A small surrogate experiment with non-default strategy settings, so defaults that differ would show. */
    private Path config() throws IOException {
        Path config = dir.resolve("parity.yaml");
        Files.writeString(config, String.join("\n",
                "dataset: fashion-mnist",
                "space: mnasnet-small",
                "reward: {w: -0.1}",
                "strategy:",
                "  name: evolution",
                "  population: 5",
                "  tournament: 3",
                "  elites: 1",
                "  mutation: 0.3",
                "  crossover: 0.7",
                "  budget: {evaluations: 14}",
                "evaluator: surrogate",
                "grid: {step: 0.2, max_triples: 3}",
                "family: {phi_max: 1}",
                "seed: 11", ""));
        return config;
    }

    @Test
    void searchAndRunOfOneConfigGiveTheSameCandidates() throws IOException {
        Path config = config();
        InspectCommandTest.Run s = run("search", "--config", config.toString(), "--no-cache",
                "--out", dir.resolve("s").toString());
        assertEquals(0, s.exitCode(), s.err());
        InspectCommandTest.Run r = run("run", "--config", config.toString(), "--no-cache",
                "--out", dir.resolve("r").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<SearchPoint> searched = ResultTables.readSearch(dir.resolve("s"));
        List<SearchPoint> ran = ResultTables.readSearch(dir.resolve("r"));
        assertEquals(14, searched.size());
        assertEquals(specs(searched), specs(ran));
        assertEquals(searched.stream().map(SearchPoint::reward).toList(), ran.stream().map(SearchPoint::reward).toList());
        // and a flag overrides the file: another seed, other candidates
        InspectCommandTest.Run other = run("search", "--config", config.toString(), "--seed", "12", "--no-cache",
                "--out", dir.resolve("o").toString());
        assertEquals(0, other.exitCode(), other.err());
        assertFalse(specs(searched).equals(specs(ResultTables.readSearch(dir.resolve("o")))));
        assertTrue(Files.readString(dir.resolve("o").resolve("config.yaml")).contains("seed: 12"));
    }

    @Test
    void eachCsvArtefactHasOneHeaderWhicheverCommandWroteIt() throws IOException {
        Path config = config();
        assertEquals(0, run("search", "--config", config.toString(), "--budget", "4", "--no-cache",
                "--out", dir.resolve("s").toString()).exitCode());
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2",
                "--max-triples", "2", "--family", "1", "--no-cache", "--out", dir.resolve("g").toString()).exitCode());
        assertEquals(0, run("run", "--config", config.toString(), "--no-cache", "--out", dir.resolve("r").toString())
                .exitCode());
        // a grid under rungs writes every rung's rows with the same header
        assertEquals(0, run("grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2",
                "--max-triples", "4", "--seeds", "2", "--scheduler", "asha", "--min-steps", "10", "--max-steps", "90",
                "--no-cache", "--out", dir.resolve("a").toString()).exitCode());
        assertTrue(ResultTables.readGrid(dir.resolve("a")).stream().anyMatch(p -> p.rung() > 0), "promoted rows too");
        Map<String, List<String>> writers = Map.of(
                ResultTables.CANDIDATES, List.of("s", "r"),
                ResultTables.GRID, List.of("g", "r", "a"),
                ResultTables.FAMILY, List.of("g", "r"));
        for (var e : writers.entrySet()) {
            List<String> headers = e.getValue().stream().map(d -> header(dir.resolve(d).resolve(e.getKey()))).toList();
            assertEquals(1, headers.stream().distinct().count(), e.getKey() + ": " + headers);
            assertTrue(headers.get(0).endsWith(",spec"), headers.get(0));
        }
        for (String d : List.of("s", "g", "r")) {
            assertTrue(Files.isRegularFile(dir.resolve(d).resolve("report.html")), d);
            assertEquals(0, run("report", dir.resolve(d).toString()).exitCode(), "effnas report on " + d);
        }
        assertFalse(Files.exists(dir.resolve("s").resolve(ResultTables.GRID)), "search writes no grid");
        assertFalse(Files.exists(dir.resolve("g").resolve(ResultTables.CANDIDATES)), "a grid with a base searches nothing");
    }

    @Test
    void aDryRunPrintsThePlanThatTheRunThenDoes() throws IOException {
        Path config = config();
        InspectCommandTest.Run dry = run("search", "--config", config.toString(), "--dry-run", "--no-cache",
                "--out", dir.resolve("s").toString());
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("plan: 14 surrogate evaluations (search 14, grid 0, family 0)"), dry.out());
        assertFalse(Files.exists(dir.resolve("s")), "a dry run writes nothing");
        assertEquals(0, run("search", "--config", config.toString(), "--no-cache", "--out", dir.resolve("s").toString())
                .exitCode());
        assertEquals(14, ResultTables.readSearch(dir.resolve("s")).size());
        String[] grid = {"grid", "--base", "effnas-mini", "--evaluator", "surrogate", "--step", "0.2", "--seeds", "2",
            "--no-cache", "--out", dir.resolve("g").toString()};
        InspectCommandTest.Run gridDry = run(java.util.stream.Stream.concat(java.util.Arrays.stream(grid),
                java.util.stream.Stream.of("--dry-run")).toArray(String[]::new));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("plan: (\\d+) surrogate evaluations \\(search 0, "
                + "grid (\\d+), family 0\\)").matcher(gridDry.out());
        assertTrue(m.find(), gridDry.out());
        assertEquals(0, run(grid).exitCode());
        assertEquals(Integer.parseInt(m.group(2)), org.effnas.journal.JournalFile.read(
                dir.resolve("g").resolve("grid-journal.jsonl"), w -> { }).results().size(), "every grid evaluation");
    }

    @Test
    void aBooleanFlagMeansTrueWhateverTheConfigSays() throws IOException {
        Path config = dir.resolve("hard.yaml");
        Files.writeString(config, "reward: {mode: hard}\nstrategy: {ordered: false, budget: {evaluations: 2}}\n"
                + "evaluator: surrogate\n");
        assertEquals(0, run("search", "--config", config.toString(), "--hard", "--ordered", "--no-cache",
                "--out", dir.resolve("h").toString()).exitCode());
        String yaml = Files.readString(dir.resolve("h").resolve("config.yaml"));
        assertTrue(yaml.contains("mode: hard") && yaml.contains("ordered: true"), yaml);
        assertEquals(0, run("search", "--config", config.toString(), "--ordered=false", "--no-cache",
                "--out", dir.resolve("u").toString()).exitCode());
        assertTrue(Files.readString(dir.resolve("u").resolve("config.yaml")).contains("ordered: false"));
    }

    @Test
    void theResumeHintIsTheSameCommandWithResume() {
        assertEquals("effnas run --config 'my dir/x.yaml' --resume", ResumeCommand.of(List.of("run", "--config",
                "my dir/x.yaml")));
        assertEquals("effnas search --out runs/s --resume", ResumeCommand.of(List.of("search", "--out", "runs/s",
                "--resume")));
    }

    private static List<String> specs(List<SearchPoint> points) {
        return points.stream().map(p -> p.m().specKey()).toList();
    }

    private static String header(Path csv) {
        try {
            return Files.readAllLines(csv).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
