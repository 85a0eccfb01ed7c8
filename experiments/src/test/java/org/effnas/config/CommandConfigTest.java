package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluator: command}: its keys, their validation (one line naming the key), and the round trip. */
class CommandConfigTest {

    @TempDir
    Path dir;

    private ExperimentConfig parse(String evaluator) {
        return ConfigLoader.parse("dataset: fashion-mnist\nevaluator:\n" + evaluator, "test.yaml", dir, "runs/test");
    }

    private String problem(String evaluator) {
        InvalidConfigException ex = assertThrows(InvalidConfigException.class, () -> parse(evaluator));
        assertEquals(1, ex.problems().size(), ex.getMessage());
        return ex.problems().get(0);
    }

    @Test
    void commandKeysAreReadAndWrittenBack() {
        ExperimentConfig c = parse("""
                  kind: command
                  command: [sh, -c, 'train {request} {result}']
                  timeout: 90s
                  env: {OMP_NUM_THREADS: 2}
                """);
        CommandConfig cmd = c.evaluator().command();
        assertEquals(List.of("sh", "-c", "train {request} {result}"), cmd.command());
        assertEquals(Duration.ofSeconds(90), cmd.timeout());
        assertEquals(Map.of("OMP_NUM_THREADS", "2"), cmd.env());
        assertEquals(dir.toString(), cmd.workdir());
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("kind: command"), yaml);
        assertEquals(c, ConfigLoader.parse(yaml, "again.yaml", dir, "runs/test"));
        assertEquals(null, parse("  kind: dl4j\n").evaluator().command());
    }

    @Test
    void badCommandsNameTheKey() {
        assertTrue(problem("  kind: command\n  command: []\n").startsWith("evaluator.command: empty"));
        assertTrue(problem("  kind: command\n  command: [no-such-trainer-xyz, '{result}']\n")
                .startsWith("evaluator.command: 'no-such-trainer-xyz' not found on PATH"));
        assertTrue(problem("  kind: command\n  command: [sh, train.py, '{request}']\n")
                .startsWith("evaluator.command: no {result} placeholder"));
        assertTrue(problem("  kind: command\n").startsWith("evaluator.command: required"));
        assertTrue(problem("  kind: command\n  command: [./train.sh, '{result}']\n")
                .startsWith("evaluator.command: './train.sh' not found (relative to evaluator.workdir"));
        assertTrue(problem("  kind: dl4j\n  command: [sh, '{result}']\n")
                .startsWith("evaluator.command: only applies to evaluator.kind: command"));
        assertTrue(problem("  kind: command\n  command: [sh, '{result}']\n  env: {CUDA_VISIBLE_DEVICES: 1}\n")
                .startsWith("evaluator.env.CUDA_VISIBLE_DEVICES: set per slot by effnas"));
        assertTrue(problem("  kind: command\n  command: [sh, '{result}']\n  workdir: nowhere\n")
                .startsWith("evaluator.workdir: no such directory"));
    }

    @Test
    void theExampleConfigLoads() {
        Path example = Path.of("configs/pytorch-command.yaml");
        ExperimentConfig c = ConfigLoader.load(example);
        assertTrue(c.evaluator().isCommand());
        assertTrue(Path.of(c.evaluator().command().workdir()).resolve("trainers/pytorch/train.py").toFile().isFile());
    }
}
