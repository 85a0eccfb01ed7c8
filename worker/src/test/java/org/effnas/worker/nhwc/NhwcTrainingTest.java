package org.effnas.worker.nhwc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import org.effnas.cost.CostModel;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import org.effnas.eval.TrainingSettings;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.Dl4jRun;
import org.effnas.worker.train.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code training.engine: onednn-nhwc} through the worker's evaluator, on the 1000 + 500 Fashion-MNIST
 * fixture: the whole recipe (warm-up, cosine decay, label smoothing, weight decay, precise BN) trains a net
 * that scores as DL4J's does, and the result names the engine.
 */
class NhwcTrainingTest {

    private static final ArchSpec TINY = NhwcLearningTest.TINY;
    /** 8 epochs of Adam at 3e-3 after 1 of warm-up, cosine, smoothing 0.1, decay 1e-5, precise BN on 256. */
    private static final TrainingSettings RECIPE = new TrainingSettings(8, 0, 0, 32, "adam", 3e-3, 1, "cosine",
            1e-5, 0.1, false, 0.1, 256);

    private static SplitDataset data;

    @BeforeAll
    static void load() throws URISyntaxException {
        data = NhwcLearningTest.fixture();
    }

    private static Dl4jEvaluator onTest() {
        return new Dl4jEvaluator(data, new Dl4jEvaluator.Options(SplitName.TEST, false,
                TrainingProgress.Listener.none()));
    }

    @Test
    void theNhwcEngineTrainsTheRecipeAsWellAsDl4jAndTheResultNamesIt() {
        TrainingSettings nhwc = RECIPE.withEngine(TrainingEngine.ONEDNN_NHWC, Precision.F32);
        Dl4jRun ours = onTest().run(Candidate.of("nhwc", TINY, nhwc, 7), "w");
        Dl4jRun theirs = onTest().run(Candidate.of("dl4j", TINY, RECIPE, 7), "w");
        EvalResult r = ours.result();
        assertTrue(r.ok(), r.failure());
        assertTrue(theirs.result().ok(), theirs.result().failure());
        // 10 classes, chance 0.10; 500 test images put the noise of a top-1 near 0.02
        assertTrue(r.top1() > 0.6, "NHWC test top-1 " + r.top1());
        assertTrue(r.top1() > theirs.result().top1() - 0.08, "NHWC " + r.top1() + " against DL4J "
                + theirs.result().top1());
        assertEquals(CostModel.of(TINY).params(), r.params(), "the DL4J graph the weights landed in");
        assertEquals("onednn-nhwc", r.provenance().evaluator());
        assertEquals(nhwc, r.provenance().training());
        assertTrue(r.provenance().backend().startsWith("engine=onednn-nhwc precision=f32 onednn="),
                r.provenance().backend());
        // every step a full batch: 900 training images in batches of 32 give 28 per epoch, not the plan's 29
        assertEquals(ours.training().steps() * 32, ours.training().images());
        assertEquals(theirs.training().steps(), ours.training().steps(), "both run the plan's step count");
    }

    @Test
    void aRungIsRefusedBecauseTheEngineKeepsNoCheckpoints() {
        TrainingSettings nhwc = RECIPE.withSteps(20).withEngine(TrainingEngine.ONEDNN_NHWC, Precision.F32);
        Candidate rung = Candidate.of("c1", TINY, nhwc, 7, Fidelity.start("c1", 0, 0, 10));
        EvalResult r = onTest().evaluate(rung, "w");
        assertFalse(r.ok());
        assertTrue(r.failure().contains("training.engine: onednn-nhwc keeps no checkpoints"), r.failure());
    }

    @Test
    void aBatchLargerThanTheTrainingSplitFailsWithTheReason() {
        TrainingSettings nhwc = RECIPE.withSteps(3).withBatchSize(1000)
                .withEngine(TrainingEngine.ONEDNN_NHWC, Precision.F32);
        EvalResult r = onTest().evaluate(Candidate.of("big", TINY, nhwc, 7), "w");
        assertFalse(r.ok());
        assertTrue(r.failure().contains("needs at least batch_size training images"), r.failure());
    }
}
