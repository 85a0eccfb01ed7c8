package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.effnas.cost.CostModel;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference trainer on real Fashion-MNIST images, through the command evaluator: a short run
 * gives a valid result, and a checkpoint resume reproduces an uninterrupted run bit for bit.
 */
class ReferenceTrainerRunTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static SplitDataset data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        if (Files.isDirectory(FASHION)) {
            // 512 training images and a 1% minival (600 images): enough to run every code path
            data = SplitDataset.of(DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null)),
                    SplitOptions.of(0.01, 512, 3));
        }
    }

    private CommandEvaluator evaluator() throws Exception {
        ReferenceTrainer.assumeTorch();
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null, "Fashion-MNIST is not installed in " + FASHION);
        CommandSettings settings = CommandSettings.of(List.of(ReferenceTrainer.PYTHON,
                        ReferenceTrainer.script().toString(), "--request", "{request}", "--result", "{result}",
                        "--threads", "2"), Duration.ofMinutes(5), Map.of(), dir, dir.resolve("evaluations"));
        CommandDataset dataset = CommandDataset.of(data, FASHION, 0, dir.resolve("evaluations"));
        dataset.writeSplit(); // the resume test writes its requests itself
        return CommandEvaluator.of(settings, dataset, OptionalInt.empty());
    }

    private static TrainingSettings recipe(String optimizer, boolean augment) {
        return new TrainingSettings(1, 6, 512, 32, optimizer, 2e-3, 0.1, "cosine", 1e-5, 0.1, augment, 0.01, 128);
    }

    @Test
    void shortRunThroughTheEvaluatorGivesAValidResult() throws Exception {
        CommandEvaluator evaluator = evaluator();
        Candidate c = Candidate.of("c000001", Architectures.get("effnas-mini"), recipe("adam", false), 5);
        EvalResult r = evaluator.evaluate(c, "local-0");
        assertTrue(r.ok(), r.failure());
        assertTrue(r.top1() >= 0 && r.top1() <= 1, "top-1 " + r.top1());
        assertTrue(r.top5() >= r.top1(), "top-5 " + r.top5());
        assertEquals(CostModel.of(c.spec()).params(), r.params());
        assertTrue(r.trainImagesPerSecond() > 0);
        assertTrue(r.provenance().codeVersion().contains("trainer effnas-pytorch-trainer 1"),
                r.provenance().codeVersion());
        assertTrue(r.provenance().codeVersion().contains("device cpu (cpu)"), r.provenance().codeVersion());
        assertTrue(Files.isRegularFile(dir.resolve("evaluations/c000001/attempt-1/checkpoint.pt")));
    }

    @Test
    void checkpointResumeIsExact() throws Exception {
        CommandEvaluator evaluator = evaluator();
        // RMSProp state, dropout, drop-connect, crops and a cosine schedule all have to resume exactly
        Candidate c = Candidate.of("c000002", Architectures.get("effnas-mini"), recipe("rmsprop", true), 9);
        Path whole = dir.resolve("whole.pt");
        Path first = dir.resolve("first.pt");
        Path resumed = dir.resolve("resumed.pt");
        train(evaluator, c, null, whole, 6);
        train(evaluator, c, null, first, 2);
        train(evaluator, c, first, resumed, 6);
        String compare = """
                import sys, torch
                a, b, c = (torch.load(p) for p in sys.argv[1:4])
                def flat(s):
                    out = {}
                    def walk(prefix, v):
                        if isinstance(v, dict):
                            for k, x in v.items(): walk(prefix + "/" + str(k), x)
                        elif isinstance(v, (list, tuple)):
                            for i, x in enumerate(v): walk(prefix + "/" + str(i), x)
                        else: out[prefix] = v
                    walk("", s)
                    return out
                fa, fb, fc = flat(a), flat(b), flat(c)
                assert fa.keys() == fc.keys(), "different state keys"
                diff = [k for k in fa if ((not torch.equal(fa[k], fc[k])) if torch.is_tensor(fa[k]) else fa[k] != fc[k])]
                moved = sum(1 for k in fa if k.startswith("/model") and torch.is_tensor(fa[k]) and fa[k].is_floating_point() and not torch.equal(fa[k], fb[k]))
                print(len(fa), len(diff), moved, a["step"], b["step"], c["step"], diff[:5])
                """;
        Process p = new ProcessBuilder(ReferenceTrainer.PYTHON, "-c", compare, whole.toString(), first.toString(),
                resumed.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        String[] f = out.split(" ", 7);
        assertEquals("0", f[1], "tensors differing between 6 steps and 2 + 4 resumed: " + out);
        assertTrue(Integer.parseInt(f[2]) > 10, "steps 3..6 must have changed the weights: " + out);
        assertEquals(List.of("6", "2", "6"), List.of(f[3], f[4], f[5]), out);
    }

    /** Runs the trainer on {@code c} up to step {@code until}, from {@code resume} (or scratch), writing {@code to}. */
    private void train(CommandEvaluator evaluator, Candidate c, Path resume, Path to, int until) throws Exception {
        Path work = Files.createTempDirectory(dir, "run");
        ObjectNode request = evaluator.request(c, work);
        ((ObjectNode) request.get("budget")).put("train_until_step", until);
        ObjectNode checkpoint = (ObjectNode) request.get("checkpoint");
        if (resume != null) {
            checkpoint.put("resume_from", resume.toString());
        }
        checkpoint.put("write_to", to.toString());
        Path file = work.resolve("request.json");
        Files.writeString(file, request.toPrettyString());
        ReferenceTrainer.run(List.of("--request", file.toString(), "--result", work.resolve("result.json").toString(),
                "--threads", "2"), work.resolve("log.txt"));
    }
}
