package org.effnas.pipeline;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.effnas.cluster.worker.SlotEvaluatorFactory;
import org.effnas.config.ExperimentConfig;
import org.effnas.data.DatasetKind;
import org.effnas.data.SplitDataset;
import org.effnas.reward.CostMetric;
import org.effnas.worker.command.CommandDataset;
import org.effnas.worker.command.CommandEvaluator;
import org.effnas.worker.command.CommandSettings;

/**
 * The slots of {@code evaluator: command}: the dataset is read and split here once (the same split
 * a DL4J worker would use: seed, minival fraction, subset), its index lists written under
 * {@code <output>/evaluations/}, and each slot runs the configured command with its own
 * {@code CUDA_VISIBLE_DEVICES}: the GPU ordinal of a {@code gpuN} slot, empty on a CPU slot.
 */
final class CommandSlots {

    /** Where requests, results, logs and checkpoints go, under the experiment directory. */
    static final String EVALUATIONS = "evaluations";

    private CommandSlots() {
    }

    static SlotEvaluatorFactory factory(ExperimentConfig c) {
        Path evaluations = Path.of(c.output()).resolve(EVALUATIONS);
        CommandSettings settings = c.evaluator().command().settings(evaluations)
                .withMeasureLatency(c.reward().cost() == CostMetric.LATENCY_MS);
        SplitDataset split = TrainingData.load(c);
        DatasetKind kind = DatasetKind.parse(c.dataset().name());
        Path path = Path.of(c.dataset().path() != null ? c.dataset().path() : kind.debianDir());
        CommandDataset data = CommandDataset.of(split, path, 0, evaluations);
        return device -> CommandEvaluator.of(settings, data, gpuOrdinal(device.toString()));
    }

    /** {@code gpu3} -> 3; a CPU slot ({@code cpu0}) -> empty. */
    static OptionalInt gpuOrdinal(String slot) {
        return slot.startsWith("gpu") ? OptionalInt.of(Integer.parseInt(slot.substring(3))) : OptionalInt.empty();
    }
}
