package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stem;
import org.effnas.worker.train.Dl4jEvaluator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference PyTorch trainer and DL4J's trainer agree: the same candidate, recipe, split and
 * budget (1 epoch on 10,000 real Fashion-MNIST images) reach the same minival top-1 within 2 points.
 * Budget, chosen as the smallest that still trains to a meaningful accuracy on 2 shared cores:
 * effnas-mini with a stride-2 stem (14 px after the stem, 1/4 of effnas-mini's MACs), batch 64
 * (157 Adam steps, 2e-3, cosine), a 6,000-image minival, precise BN over 1,024 images.
 */
class TrainerParityTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void oneEpochOnTenThousandImagesMatchesDl4jWithinTwoPoints() throws Exception {
        ReferenceTrainer.assumeTorch();
        Assumptions.assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST is not installed in " + FASHION);
        SplitDataset data = SplitDataset.of(DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null)),
                SplitOptions.of(0.1, 10_000, 42));
        ArchSpec mini = Architectures.get("effnas-mini");
        ArchSpec spec = mini.withStem(new Stem(3, 2, 16), mini.stages(), mini.head());
        TrainingSettings recipe = new TrainingSettings(1, 0, 10_000, 64, "adam", 2e-3, 0, "cosine", 0, 0, false,
                0.1, 1024);
        Candidate c = Candidate.of("parity", spec, recipe, 1);
        EvalResult dl4j = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).evaluate(c, "dl4j");
        CommandSettings settings = CommandSettings.of(List.of(ReferenceTrainer.PYTHON,
                        ReferenceTrainer.script().toString(), "--request", "{request}", "--result", "{result}",
                        "--threads", "2"), Duration.ofMinutes(15), Map.of(), dir, dir.resolve("evaluations"));
        EvalResult torch = CommandEvaluator.of(settings, CommandDataset.of(data, FASHION, 0, dir.resolve("evaluations")),
                OptionalInt.empty()).evaluate(c, "torch");
        assertTrue(dl4j.ok(), dl4j.failure());
        assertTrue(torch.ok(), torch.failure());
        String figures = String.format(Locale.ROOT, "minival top-1: DL4J %.4f (%.0f s, %.0f img/s), PyTorch %.4f "
                        + "(%.0f s, %.0f img/s)", dl4j.top1(), dl4j.wallSeconds(), dl4j.trainImagesPerSecond(),
                torch.top1(), torch.wallSeconds(), torch.trainImagesPerSecond());
        System.out.println("TrainerParityTest: " + figures);
        assertTrue(dl4j.top1() > 0.6 && torch.top1() > 0.6, "both must learn: " + figures);
        assertTrue(Math.abs(dl4j.top1() - torch.top1()) <= 0.02, "more than 2 points apart: " + figures);
    }
}
