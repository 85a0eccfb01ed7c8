package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final Path CONFIGS = Path.of("configs");

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Path.of("."), "runs/test");
    }

    private static List<String> problems(String yaml) {
        InvalidConfigException ex = assertThrows(InvalidConfigException.class, () -> parse(yaml));
        return ex.problems();
    }

    static Stream<Path> exampleConfigs() throws IOException {
        try (Stream<Path> files = Files.list(CONFIGS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theNhwcEngineIsRefusedWhereItCannotRun() {
        assertEquals(org.effnas.eval.TrainingEngine.ONEDNN_NHWC,
                parse("dataset: fashion-mnist\ntraining: {engine: onednn-nhwc}\n").training().engine());
        List<String> rungs = problems("dataset: fashion-mnist\ntraining: {engine: onednn-nhwc}\nscheduler: asha\n");
        assertTrue(rungs.stream().anyMatch(p -> p.startsWith("training.engine: onednn-nhwc keeps no checkpoints")
                && p.contains("scheduler: fifo")), rungs.toString());
        List<String> command = problems("dataset: fashion-mnist\ntraining: {engine: onednn-nhwc}\n"
                + "evaluator: {kind: command, command: [/bin/true, \"{request}\", \"{result}\"]}\n");
        assertTrue(command.stream().anyMatch(p -> p.startsWith("training.engine: onednn-nhwc is effnas's own trainer")),
                command.toString());
        // the surrogate trains nothing, so the engine is moot there
        parse("dataset: fashion-mnist\ntraining: {engine: onednn-nhwc}\nscheduler: asha\nevaluator: surrogate\n");
    }

    @Test
    void datasetAloneIsACompleteConfig() {
        ExperimentConfig c = parse("dataset: fashion-mnist\n");
        assertEquals("fashion-mnist", c.dataset().name());
        assertEquals("/usr/share/datasets/fashion-mnist", c.dataset().path());
        assertEquals(28, c.dataset().resolution());
        assertEquals("mnasnet-small", c.space().name());
        assertEquals(org.effnas.experiment.StrategyKind.EVOLUTION, c.strategy().name());
        assertEquals(org.effnas.experiment.EvaluatorKind.DL4J, c.evaluator().kind());
        assertEquals(ClusterMode.LOCAL, c.cluster().mode());
        assertEquals("runs/test", c.output());
        assertTrue(c.grid().enabled() && c.family().enabled());
    }

    @Test
    void emptyFileGivesAllDefaults() {
        assertEquals(parse("dataset: fashion-mnist\n"), parse(""));
    }

    @Test
    void readsEveryKind() {
        ExperimentConfig c = parse("""
                dataset: {name: cifar10, path: /data/c10, minival: 0.2, resolution: 40}
                reward: {target_macs: 400M, w: -0.15, mode: hard}
                strategy: {name: nsga2, budget: {evaluations: 50, wall_time: 1h30m}}
                training: {steps: 500, optimizer: rmsprop, label_smoothing: 0.1, augment: true}
                cluster: {mode: embedded, embedded_workers: 3}
                seed: 9
                """);
        assertEquals(new DatasetConfig("cifar10", "/data/c10", 0.2, 40), c.dataset());
        assertEquals(400_000_000L, (long) c.reward().targetMacs());
        assertEquals("hard", c.reward().mode());
        assertEquals(Duration.ofMinutes(90), c.strategy().budget().wallTime());
        assertEquals(500, c.training().steps());
        assertEquals(0.0, c.training().epochs());
        assertEquals(500, c.training().settings(0.2).steps());
        assertEquals(3, c.cluster().embeddedWorkers());
        assertEquals(9, c.seed());
    }

    @Test
    void reportsEveryProblemTogetherWithItsPath() {
        List<String> p = problems("""
                dataset: {name: fashion-mnist, minival: 1.5}
                strategy:
                  name: evolution
                  budgett: {evaluations: 10}
                grid: {step: -0.1, seeds: two}
                training: {batch_size: 0, optimiser: adam, augment: yes please}
                evaluator: {kind: gpu}
                """);
        assertTrue(p.contains("grid.step: must be in (0, 1], got -0.1"), p.toString());
        assertTrue(p.contains("strategy.budgett: unknown key, did you mean budget?"), p.toString());
        assertTrue(p.contains("dataset.minival: must be in (0, 1), got 1.5"), p.toString());
        assertTrue(p.contains("grid.seeds: expected a whole number (suffixes K, M, G allowed), got 'two'"), p.toString());
        assertTrue(p.contains("training.batch_size: must be in [1, 65536], got 0"), p.toString());
        assertTrue(p.contains("training.optimiser: unknown key, did you mean optimizer?"), p.toString());
        assertTrue(p.contains("training.augment: expected true or false, got 'yes please'"), p.toString());
        assertTrue(p.contains("evaluator.kind: must be one of dl4j, surrogate, command, got 'gpu'"), p.toString());
        assertEquals(8, p.size(), p.toString());
    }

    @Test
    void unknownTopLevelKeyAndMisspeltValueGetSuggestions() {
        List<String> p = problems("datset: mnist\nstrategy: evolutoin\n");
        assertTrue(p.contains("datset: unknown key, did you mean dataset?"), p.toString());
        assertTrue(p.contains("strategy.name: must be one of evolution, random, nsga2, got 'evolutoin' (did you mean evolution?)"), p.toString());
    }

    @Test
    void wrongShapesAreReported() {
        List<String> p = problems("reward: 3\ngrid: [1, 2]\nseed: -1\n");
        assertTrue(p.contains("reward: expected a mapping of keys, got 3"), p.toString());
        assertTrue(p.contains("grid: expected a mapping of keys, got a list"), p.toString());
        assertTrue(p.contains("seed: must be >= 0, got -1"), p.toString());
    }

    @Test
    void crossFieldRules() {
        List<String> p = problems("""
                dataset: folder
                evaluator: surrogate
                reward: {cost: latency}
                grid: {enabled: false}
                family: {phi_min: 3, phi_max: 1}
                cluster: {mode: local, embedded_workers: 2, bind: "127.0.0.1:5701"}
                strategy: {name: random, random_baseline: true}
                """);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("dataset.path: required for the folder dataset")), p.toString());
        assertTrue(problems("dataset: mnist\n").contains("dataset.path: required to train on mnist (Debian ships no "
                + "package for it): the folder holding its files"));
        assertTrue(p.stream().noneMatch(s -> s.startsWith("reward.")), "the surrogate has latencies: " + p);
        assertTrue(problems("reward: {cost: latency}\nevaluator: dl4j\n").stream()
                .anyMatch(s -> s.startsWith("reward.target_latency_ms: required with cost: latency")));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("family.enabled: the family needs")), p.toString());
        assertTrue(p.contains("family.phi_max: must be >= family.phi_min (3), got 1"), p.toString());
        assertTrue(p.contains("cluster.embedded_workers: only applies to cluster.mode: embedded (mode is local)"), p.toString());
        assertTrue(p.contains("cluster.bind: only applies to cluster.mode: hazelcast (mode is local)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("strategy.random_baseline: the strategy is already random")), p.toString());
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> parse("grid:\n  step: [1, 2\n"));
        assertTrue(ex.getMessage().startsWith("test.yaml:"), ex.getMessage());
        assertTrue(ex.getMessage().contains("not valid YAML"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(ex.getMessage().contains("no such config file"), ex.getMessage());
    }

    @Test
    void aBrokenSpaceFileIsReportedWithTheRest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("space.yaml"), "name: broken\nbackbone: []\n");
        Files.writeString(dir.resolve("exp.yaml"), "space: {file: space.yaml}\nseed: -3\n");
        InvalidConfigException ex = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(dir.resolve("exp.yaml")));
        assertEquals(2, ex.problems().size(), ex.problems().toString());
        assertTrue(ex.problems().get(0).startsWith("space.file: "), ex.problems().toString());
    }

    @Test
    void relativeFilesResolveAgainstTheConfigDirectory(@TempDir Path dir) throws IOException {
        try (var in = SearchSpaces.class.getResourceAsStream("/org/effnas/space/mnasnet-small.yaml")) {
            Files.copy(in, dir.resolve("space.yaml"));
        }
        Files.writeString(dir.resolve("exp.yaml"), "space: {file: space.yaml}\n");
        ExperimentConfig c = ConfigLoader.load(dir.resolve("exp.yaml"));
        assertEquals(dir.toAbsolutePath().resolve("space.yaml").toString(), c.space().file());
        assertEquals("runs/exp", c.output());
        List<String> p = problems("space: {name: mnasnet, file: missing.yaml}\n");
        assertEquals(2, p.size(), p.toString());
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void everyExampleConfigIsValidAndRoundTrips(Path file) throws IOException {
        ExperimentConfig c = ConfigLoader.load(file);
        String yaml = ConfigLoader.toYaml(c);
        ExperimentConfig again = ConfigLoader.parse(yaml, "resolved", file.toAbsolutePath().getParent(), "unused");
        assertEquals(c, again, yaml);
        Path out = Files.createTempFile("resolved", ".yaml");
        ConfigLoader.write(c, out);
        assertEquals(c, ConfigLoader.load(out).withOutput(c.output()));
        Files.delete(out);
    }

    @Test
    void theRequiredExamplesExist() {
        for (String name : List.of("demo", "fashion-mnist-search", "grid-only", "surrogate-dry-run", "cluster")) {
            assertTrue(Files.isRegularFile(CONFIGS.resolve(name + ".yaml")), name);
        }
    }
}
