package org.effnas.eval;

import org.effnas.InvalidInputException;

/**
 * How a candidate is trained for its reward: the proxy-training budget and recipe. Part of the
 * cache key: the same canonical spec with equal settings and data is never trained twice.
 *
 * @param epochs        passes over the (subset of the) training split; ignored when steps > 0
 * @param steps         optimizer steps; 0 means "use epochs"
 * @param subset        number of training images to use, 0 = all (after holding out minival)
 * @param batchSize     mini-batch size
 * @param optimizer     {@code rmsprop} (decay 0.9, momentum 0.9, eps 1e-3, as in the paper) or {@code adam}
 * @param learningRate  peak learning rate
 * @param warmupEpochs  linear warm-up length in epochs
 * @param schedule      {@code constant}, {@code exponential} or {@code cosine} decay after warm-up
 * @param weightDecay   L2 weight decay
 * @param labelSmoothing label smoothing in [0, 1)
 * @param augment       random crop with padding (and horizontal flip where the dataset allows it)
 * @param minivalFraction fraction of the training split held out for the reward
 * @param preciseBnImages after training, recompute the batch-norm statistics of the final weights over
 *                      this many training images before evaluating ("precise BN"); 0 keeps the
 *                      running averages of training (momentum 0.99), which trail the weights of a short
 *                      proxy run badly
 * @param engine        what trains the candidate ({@code training.engine}); null means DL4J
 * @param precision     activations' number format while training ({@code training.precision}); null means
 *                      f32, and bf16 needs the NHWC engine
 */
public record TrainingSettings(double epochs, long steps, int subset, int batchSize, String optimizer,
                               double learningRate, double warmupEpochs, String schedule,
                               double weightDecay, double labelSmoothing, boolean augment,
                               double minivalFraction, int preciseBnImages, TrainingEngine engine,
                               Precision precision) {

    /** Images of the default precise-BN pass: as good as 3x more on Fashion-MNIST proxies, about 1/10 of a proxy epoch's time. */
    public static final int DEFAULT_PRECISE_BN_IMAGES = 1024;

    public TrainingSettings {
        engine = engine == null ? TrainingEngine.DL4J : engine;
        precision = precision == null ? Precision.F32 : precision;
        if (precision == Precision.BF16 && engine != TrainingEngine.ONEDNN_NHWC) {
            throw new InvalidInputException("training.precision: bf16 needs training.engine: "
                    + TrainingEngine.ONEDNN_NHWC.text() + " (the DL4J engine trains in f32 only)");
        }
        if (!(epochs >= 0) || (epochs == 0 && steps <= 0)) {
            throw new InvalidInputException("training.epochs: must be > 0 (or set training.steps), got " + epochs);
        }
        if (steps < 0) {
            throw new InvalidInputException("training.steps: must be >= 0, got " + steps);
        }
        if (subset < 0) {
            throw new InvalidInputException("training.subset: must be >= 0 (0 = all), got " + subset);
        }
        if (batchSize < 1) {
            throw new InvalidInputException("training.batch_size: must be >= 1, got " + batchSize);
        }
        if (!optimizer.equals("rmsprop") && !optimizer.equals("adam")) {
            throw new InvalidInputException("training.optimizer: must be rmsprop or adam, got " + optimizer);
        }
        if (!(learningRate > 0)) {
            throw new InvalidInputException("training.learning_rate: must be > 0, got " + learningRate);
        }
        if (!(warmupEpochs >= 0)) {
            throw new InvalidInputException("training.warmup_epochs: must be >= 0, got " + warmupEpochs);
        }
        if (!schedule.equals("constant") && !schedule.equals("exponential") && !schedule.equals("cosine")) {
            throw new InvalidInputException("training.schedule: must be constant, exponential or cosine, got " + schedule);
        }
        if (!(weightDecay >= 0)) {
            throw new InvalidInputException("training.weight_decay: must be >= 0, got " + weightDecay);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new InvalidInputException("training.label_smoothing: must be in [0, 1), got " + labelSmoothing);
        }
        if (!(minivalFraction > 0 && minivalFraction < 1)) {
            throw new InvalidInputException("dataset.minival (--minival-fraction): must be in (0, 1), got " + minivalFraction);
        }
        if (preciseBnImages < 0) {
            throw new InvalidInputException("training.precise_bn_images: must be >= 0 (0 = off), got " + preciseBnImages);
        }
    }

    /** The recipe on DL4J in f32, the default engine. */
    public TrainingSettings(double epochs, long steps, int subset, int batchSize, String optimizer,
                            double learningRate, double warmupEpochs, String schedule, double weightDecay,
                            double labelSmoothing, boolean augment, double minivalFraction, int preciseBnImages) {
        this(epochs, steps, subset, batchSize, optimizer, learningRate, warmupEpochs, schedule, weightDecay,
                labelSmoothing, augment, minivalFraction, preciseBnImages, TrainingEngine.DL4J, Precision.F32);
    }

    /** A short proxy run: 1 epoch of Adam on the full split, batch 128, 10% minival, precise BN over 1024 images. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(1, 0, 0, 128, "adam", 1e-3, 0, "constant", 0, 0, false, 0.1,
                DEFAULT_PRECISE_BN_IMAGES);
    }

    public TrainingSettings withEpochs(double newEpochs) {
        return new TrainingSettings(newEpochs, 0, subset, batchSize, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction,
                preciseBnImages, engine, precision);
    }

    /**
     * The same recipe over exactly {@code newSteps} optimizer steps (its warm-up and decay span them):
     * what every rung of a multi-fidelity schedule trains a prefix of.
     */
    public TrainingSettings withSteps(long newSteps) {
        return new TrainingSettings(epochs, newSteps, subset, batchSize, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction,
                preciseBnImages, engine, precision);
    }

    public TrainingSettings withSubset(int newSubset) {
        return new TrainingSettings(epochs, steps, newSubset, batchSize, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction,
                preciseBnImages, engine, precision);
    }

    public TrainingSettings withBatchSize(int newBatch) {
        return new TrainingSettings(epochs, steps, subset, newBatch, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction,
                preciseBnImages, engine, precision);
    }

    /** The same recipe trained by {@code newEngine} in {@code newPrecision}. */
    public TrainingSettings withEngine(TrainingEngine newEngine, Precision newPrecision) {
        return new TrainingSettings(epochs, steps, subset, batchSize, optimizer, learningRate,
                warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction,
                preciseBnImages, newEngine, newPrecision);
    }
}
