package org.effnas.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;
import org.effnas.eval.TrainingSettings;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Real training on the real-image fixture (1000 training, 500 test Fashion-MNIST images). */
class TrainingTest {

    private static SplitDataset data;

    /** A small net with every translated feature: stride-2 stem, MBConv with SE, residual with drop-connect. */
    static final ArchSpec TINY = ArchSpec.of(28, 1, 10, BlockStrings.parseStem("k3_s2_o16"),
            BlockStrings.parseAll(List.of("r2_k3_s11_e1_i16_o16_se0.25", "r1_k3_s22_e4_i16_o24_se0.25")),
            BlockStrings.parseHead("o64"), Activation.SWISH, 0.1, 0.1);

    @BeforeAll
    static void load() throws URISyntaxException {
        Path dir = Path.of(TrainingTest.class.getResource("/data/fashion-mnist-mini").toURI());
        ImageDataset images = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir).withTest());
        data = SplitDataset.of(images, SplitOptions.of(0.1, 0, 5));
    }

    private static TrainingSettings settings(String optimizer, double lr, double epochs) {
        return new TrainingSettings(epochs, 0, 0, 32, optimizer, lr, 0.5, "cosine", 1e-5, 0.1, false, 0.1, 256);
    }

    @Test
    void learnsRealImagesWellAboveChance() {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, new Dl4jEvaluator.Options(SplitName.TEST, false,
                TrainingProgress.Listener.none()));
        Dl4jRun run = evaluator.run(Candidate.of("tiny", TINY, settings("adam", 3e-3, 8), 11), "test");
        EvalResult r = run.result();
        assertTrue(r.ok(), r.failure());
        // 10 classes: chance is 0.10; a broken trainer, loss or BN inference path stays near it
        assertTrue(r.top1() > 0.55, "test top-1 after 8 epochs on 900 images (chance 0.10, measured ~0.68): " + r.top1());
        assertTrue(r.top5() > r.top1() && r.top5() > 0.9, "top-5 " + r.top5());
        assertTrue(r.loss() < 1.3, "test loss " + r.loss());
        assertEquals(500, run.accuracy().images());
        assertEquals(org.effnas.cost.CostModel.of(TINY).params(), r.params());
        assertEquals("dl4j", r.provenance().evaluator());
        assertEquals("fashion-mnist/test", r.provenance().dataset());
        assertEquals(64, r.provenance().dataChecksum().length());
        assertTrue(r.trainImagesPerSecond() > 0 && r.wallSeconds() > 0);
    }

    @Test
    void rmspropWithMomentumAlsoLearns() {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward());
        EvalResult r = evaluator.evaluate(Candidate.of("tiny-rms", TINY, settings("rmsprop", 0.01, 4), 12), "test");
        assertTrue(r.ok(), r.failure());
        // 116 steps: RMSProp (ms starting at 1, as TF 1) learns slower than Adam here; measured 0.21-0.35
        // on these 100 minival images for lr 0.003-0.03, so this asserts learning (2x chance), not quality
        assertTrue(r.top1() > 0.2, "minival top-1 after 4 epochs of RMSProp: " + r.top1());
        assertEquals("fashion-mnist/minival", r.provenance().dataset());
    }

    @Test
    void divergenceStopsAtOnceAndIsAFailure() {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward());
        TrainingSettings huge = new TrainingSettings(5, 0, 0, 32, "rmsprop", 1e9, 0, "constant", 0, 0, false, 0.1, 0);
        Dl4jRun run = evaluator.run(Candidate.of("boom", TINY, huge, 1), "test");
        assertTrue(!run.result().ok() && run.result().failure().startsWith("diverged"), run.result().failure());
        assertTrue(Double.isNaN(run.result().top1()));
        assertTrue(run.training().steps() < 5 * 29, "stopped after " + run.training().steps() + " steps");
        assertNull(run.accuracy());
    }

    @Test
    void savedNetworkGivesIdenticalOutputs(@TempDir Path dir) {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward());
        Dl4jRun run = evaluator.run(Candidate.of("save", TINY, settings("rmsprop", 0.01, 0.5), 3), "test");
        assertTrue(run.result().ok(), run.result().failure());
        Preprocessing pre = Preprocessing.of(data, TINY);
        ModelArchive.save(dir, run.network(), TINY, EvalJson.result(run.result()), pre);
        ComputationGraph loaded = ModelArchive.loadNetwork(dir);
        assertEquals(TINY, ModelArchive.loadSpec(dir));
        assertEquals(pre, ModelArchive.loadPreprocessing(dir));
        assertEquals(DatasetLoader.FASHION_MNIST_CLASSES, pre.classNames());
        assertEquals(data.normalization().mean()[0], pre.mean()[0]);
        // the zip alone carries spec, metrics and preprocessing: read them with the side files gone
        Path alone = dir.resolve("alone");
        try {
            java.nio.file.Files.createDirectories(alone);
            java.nio.file.Files.copy(dir.resolve(ModelArchive.MODEL), alone.resolve("renamed.zip"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(TINY, ModelArchive.loadSpec(alone.resolve("renamed.zip")));
        assertEquals(pre, ModelArchive.loadPreprocessing(alone.resolve("renamed.zip")));
        assertEquals(run.result().top1(), ModelArchive.loadMetrics(alone.resolve("renamed.zip")).path("top1").asDouble());
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 1, 28, 28);
        INDArray expected = run.network().outputSingle(false, x);
        INDArray actual = loaded.outputSingle(false, x);
        assertEquals(expected, actual, "outputs after a save/load round trip");
        assertNotNull(loaded.getLayer("b1_add") == null ? loaded.getVertex("b1_add") : loaded.getLayer("b1_add"));
    }

    @Test
    void specThatDoesNotFitTheDataIsAFailedResult() {
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward());
        EvalResult r = evaluator.evaluate(Candidate.of("rgb", TINY.withInput(28, 3, 10),
                settings("adam", 1e-3, 1), 1), "test");
        assertTrue(!r.ok() && r.failure().contains("3 input channels"), r.failure());
    }
}
