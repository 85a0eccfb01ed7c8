package org.effnas.config;

import java.util.List;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import org.effnas.eval.TrainingSettings;

/**
 * The proxy-training recipe every candidate gets (see {@link TrainingSettings} for the meaning of
 * each field); {@link #settings(double)} adds the dataset's minival fraction. {@code engine} and
 * {@code precision} say what trains it: DL4J in f32 by default, or the NHWC engine in f32 or bf16.
 */
public record TrainingConfig(double epochs, long steps, int subset, int batchSize, String optimizer,
                             double learningRate, String schedule, double warmupEpochs,
                             double weightDecay, double labelSmoothing, boolean augment,
                             int preciseBnImages, TrainingEngine engine, Precision precision) {

    public static final List<String> OPTIMIZERS = List.of("adam", "rmsprop");
    public static final List<String> SCHEDULES = List.of("constant", "exponential", "cosine");

    public static TrainingConfig defaults() {
        TrainingSettings d = TrainingSettings.defaults();
        return new TrainingConfig(d.epochs(), d.steps(), d.subset(), d.batchSize(), d.optimizer(),
                d.learningRate(), d.schedule(), d.warmupEpochs(), d.weightDecay(), d.labelSmoothing(),
                d.augment(), d.preciseBnImages(), d.engine(), d.precision());
    }

    static TrainingConfig read(ConfigSection s) {
        TrainingConfig d = defaults();
        long steps = s.count("steps", d.steps(), 0, Integer.MAX_VALUE);
        double epochs = s.decimal("epochs", steps > 0 ? 0 : d.epochs(), 0, steps == 0, 10_000, false);
        TrainingEngine engine = s.choice("engine", d.engine(), TrainingEngine.class);
        Precision precision = s.choice("precision", d.precision(), Precision.class);
        if (precision == Precision.BF16 && engine != TrainingEngine.ONEDNN_NHWC) {
            s.problem("precision", "bf16 needs engine: " + TrainingEngine.ONEDNN_NHWC.text() + " (DL4J trains in f32 "
                    + "only); set training.engine: onednn-nhwc or remove training.precision");
            precision = Precision.F32;
        }
        return new TrainingConfig(epochs, steps,
                s.integer("subset", d.subset(), 0, Integer.MAX_VALUE),
                s.integer("batch_size", d.batchSize(), 1, 65_536),
                s.choice("optimizer", d.optimizer(), OPTIMIZERS),
                s.decimal("learning_rate", d.learningRate(), 0, true, 10, false),
                s.choice("schedule", d.schedule(), SCHEDULES),
                s.decimal("warmup_epochs", d.warmupEpochs(), 0, false, 10_000, false),
                s.decimal("weight_decay", d.weightDecay(), 0, false, 1, false),
                s.decimal("label_smoothing", d.labelSmoothing(), 0, false, 1, true),
                s.flag("augment", d.augment()),
                s.integer("precise_bn_images", d.preciseBnImages(), 0, Integer.MAX_VALUE), engine, precision);
    }

    /** The settings candidates are trained with, holding out {@code minival} of the training split. */
    public TrainingSettings settings(double minival) {
        return new TrainingSettings(epochs, steps, subset, batchSize, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minival,
                preciseBnImages, engine, precision);
    }
}
