package org.effnas.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.data.Augmentation;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.InMemoryImageIterator;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Continued training is exact: N + M steps in one go and N steps, a checkpoint, then M more steps give
 * bit-identical weights and optimizer state, on real Fashion-MNIST images (the 1000-image fixture,
 * 900 for training: 29 batches of 32 per epoch, so the continuation crosses an epoch boundary) with
 * dropout, drop-connect, augmentation, warm-up and cosine decay over N + M steps all active. Exact
 * equality, not a tolerance: both runs execute the same float operations on the same inputs in the same
 * order on one thread, so any difference means some state (weights, updater, iteration count, random
 * generator, data position) was not carried over.
 */
class CheckpointContinuationTest {

    static final int N = 15;
    static final int M = 15;
    private static SplitDataset data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path fixture = Path.of(CheckpointContinuationTest.class.getResource("/data/fashion-mnist-mini").toURI());
        ImageDataset images = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, fixture));
        data = SplitDataset.of(images, SplitOptions.of(0.1, 0, 5));
    }

    static TrainingSettings recipe() {
        return new TrainingSettings(0, N + M, 0, 32, "rmsprop", 0.01, 0.3, "cosine", 1e-5, 0.1, true, 0.1, 128);
    }

    static Candidate rung(String base, Fidelity f) {
        return Candidate.of(Fidelity.idOf(base, f.rung()), TrainingTest.TINY, recipe(), 21, f);
    }

    @Test
    void nThenMThroughACheckpointEqualsNPlusMInOneGo() {
        CheckpointStore store = CheckpointStore.at(dir);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(store);

        EvalResult oneGo = evaluator.evaluate(rung("a", Fidelity.start("a", 0, 0, N + M)), "w0");
        EvalResult first = evaluator.evaluate(rung("b", Fidelity.start("b", 0, 0, N)), "w0");
        // the continuation runs on another thread, as a promotion landing on another worker would
        EvalResult[] second = new EvalResult[1];
        Thread other = new Thread(() -> second[0] = evaluator.evaluate(
                rung("b", Fidelity.promotion("b", 0, 0, N, 1, N + M)), "w1"));
        other.start();
        joinQuietly(other);
        assertTrue(oneGo.ok() && first.ok() && second[0].ok(), oneGo.failure() + first.failure() + second[0].failure());

        TrainingCheckpoint a = store.load("a@r0");
        TrainingCheckpoint b = store.load("b@r1");
        assertEquals(N + M, a.steps());
        assertEquals(N + M, b.steps());
        assertEquals(a.network().getIterationCount(), b.network().getIterationCount(), "schedule position");
        assertEquals(a.network().params(), b.network().params(), "weights and batch-norm statistics, bit for bit");
        assertEquals(a.network().getUpdater().getStateViewArray(), b.network().getUpdater().getStateViewArray(),
                "optimizer state");
        assertEquals(a.rootState(), b.rootState());
        assertEquals(oneGo.top1(), second[0].top1(), "the same minival measurement");
        assertTrue(oneGo.top1() > 0.2, "it learnt: minival top-1 " + oneGo.top1());
    }

    @Test
    void continuingWithoutTheOptimizerStateIsNotTheSameRun() {
        // the comparison above can fail: dropping one piece of state (here the updater's) changes the weights
        CheckpointStore store = CheckpointStore.at(dir);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(store);
        assertTrue(evaluator.evaluate(rung("a", Fidelity.start("a", 0, 0, N + M)), "w").ok());
        assertTrue(evaluator.evaluate(rung("b", Fidelity.start("b", 0, 0, N)), "w").ok());
        TrainingCheckpoint b = store.load("b@r0");
        ComputationGraph net = b.network();
        net.getUpdater().getStateViewArray().assign(0);
        Nd4j.getRandom().setStates(b.rootState(), b.nodeState());
        InMemoryImageIterator train = data.trainIterator(28, 32, Augmentation.forTraining(DatasetKind.FASHION_MNIST,
                true), 21);
        TrainingOutcome o = Trainer.train(net, train, TrainingPlan.of(recipe(), train.numExamples()), N, N + M,
                TrainingProgress.Listener.none());
        assertTrue(o.ok());
        assertNotEquals(store.load("a@r0").network().params(), net.params());
    }

    @Test
    void releasedCheckpointsAreGoneAndAPromotionFromOneFailsPlainly() {
        CheckpointStore store = CheckpointStore.at(dir);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(store);
        assertTrue(evaluator.evaluate(rung("c", Fidelity.start("c", 0, 0, 5)), "w").ok());
        assertTrue(store.contains("c@r0"));
        store.release("c@r0");
        assertFalse(store.contains("c@r0"));
        EvalResult r = evaluator.evaluate(rung("c", Fidelity.promotion("c", 0, 0, 5, 1, 15)), "w");
        assertTrue(!r.ok() && r.failure().contains("checkpoint c@r0"), r.failure());
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
