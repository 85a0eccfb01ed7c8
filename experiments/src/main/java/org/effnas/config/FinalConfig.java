package org.effnas.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.effnas.eval.TrainingSettings;
import org.effnas.experiment.FamilyTargets;
import org.effnas.reward.CostMetric;

/**
 * The final phase: which winners to train at full budget ({@code baseline}, the family's {@code B1},
 * {@code W2}, ...) and the recipe, measured on the dataset's test split. The recipe keys override
 * the same keys of {@code training:}; unset ({@code null}) ones take {@code training:}'s value. No
 * members (the default) means no final phase in {@code effnas run}; {@code effnas final DIR} reads the
 * recipe from here too, its flags over it.
 *
 * @param members      the members, in order; empty = no final phase
 * @param epochs       passes over the training split (ignored when {@code steps} > 0)
 * @param steps        optimizer steps; 0 = use epochs
 * @param subset       training images, 0 = the whole training split (less minival)
 * @param batchSize    null = {@code training.batch_size}
 * @param learningRate null = {@code training.learning_rate}
 * @param schedule     null = {@code training.schedule}
 * @param warmupEpochs null = {@code training.warmup_epochs}
 * @param augment      null = {@code training.augment}
 * <p>The engine and precision are always {@code training}'s: the final members train as the search's did.
 */
public record FinalConfig(List<String> members, double epochs, long steps, int subset, Integer batchSize,
                          Double learningRate, String schedule, Double warmupEpochs, Boolean augment) {

    /** Default passes over the whole training split: far beyond a search's proxy, still hours on a CPU. */
    public static final double DEFAULT_EPOCHS = 10;

    public FinalConfig {
        members = List.copyOf(members);
    }

    public static FinalConfig defaults() {
        return new FinalConfig(List.of(), DEFAULT_EPOCHS, 0, 0, null, null, null, null, null);
    }

    static FinalConfig read(ConfigSection s) {
        FinalConfig d = defaults();
        List<String> members = members(s);
        long steps = s.count("steps", d.steps(), 0, Integer.MAX_VALUE);
        double epochs = s.decimal("epochs", d.epochs(), 0, true, 10_000, false);
        return new FinalConfig(members, epochs, steps,
                s.integer("subset", d.subset(), 0, Integer.MAX_VALUE),
                s.has("batch_size") ? s.integer("batch_size", 1, 1, 65_536) : null,
                s.has("learning_rate") ? s.decimal("learning_rate", 1e-3, 0, true, 10, false) : null,
                s.has("schedule") ? s.choice("schedule", "constant", TrainingConfig.SCHEDULES) : null,
                s.has("warmup_epochs") ? s.decimal("warmup_epochs", 0, 0, false, 10_000, false) : null,
                s.has("augment") ? s.flag("augment", false) : null);
    }

    /** A list of names, or one string of comma-separated names. */
    private static List<String> members(ConfigSection s) {
        JsonNode v = s.raw("members");
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isTextual()) {
            return split(v.asText());
        }
        if (!v.isArray()) {
            s.problem("members", "expected a list of member names such as [baseline, B1], got " + ConfigSection.describe(v));
            return out;
        }
        for (JsonNode e : v) {
            if (!e.isTextual() && !e.isNumber()) {
                s.problem("members", "expected member names such as baseline or B1, got " + ConfigSection.describe(e));
                return List.of();
            }
            out.add(e.asText().trim());
        }
        return out;
    }

    /** {@code baseline, B1} as a list. */
    public static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    /** Whether {@code effnas run} plans a final phase. */
    public boolean enabled() {
        return !members.isEmpty();
    }

    /**
     * The names a config's phases give their winners: {@code baseline} (the search winner, or the
     * grid's base), and with a family its members B{phi_min..phi_max} and the single-dimension
     * comparisons D, W, R{max(1, phi_min)..single_dimension_phi_max}, as family.csv names them.
     */
    public static Set<String> validNames(GridConfig grid, FamilyConfig family) {
        Set<String> names = new LinkedHashSet<>();
        names.add("baseline");
        if (grid.enabled() && family.enabled() && family.targeted()) {
            // Targets name their members after the budget (T50M, T5ms), as the family phase does.
            family.targetMacs().forEach(t -> names.add(FamilyTargets.name(CostMetric.MACS, t)));
            family.targetLatencyMs().forEach(t -> names.add(FamilyTargets.name(CostMetric.LATENCY_MS, t)));
        } else if (grid.enabled() && family.enabled()) {
            for (int phi = family.phiMin(); phi <= family.phiMax(); phi++) {
                names.add("B" + phi);
            }
            if (family.singleDimension()) {
                for (String prefix : List.of("D", "W", "R")) {
                    for (int phi = Math.max(1, family.phiMin()); phi <= family.singleDimensionPhiMax(); phi++) {
                        names.add(prefix + phi);
                    }
                }
            }
        }
        return names;
    }

    /** The full-budget recipe: this section's keys over {@code training}, the dataset's minival held out. */
    public TrainingSettings settings(TrainingConfig t, double minival) {
        return new TrainingSettings(epochs, steps, subset, batchSize != null ? batchSize : t.batchSize(), t.optimizer(),
                learningRate != null ? learningRate : t.learningRate(), warmupEpochs != null ? warmupEpochs
                : t.warmupEpochs(), schedule != null ? schedule : t.schedule(), t.weightDecay(), t.labelSmoothing(),
                augment != null ? augment : t.augment(), minival, t.preciseBnImages(), t.engine(), t.precision());
    }

    /** The same recipe for other members. */
    public FinalConfig withMembers(List<String> newMembers) {
        return new FinalConfig(newMembers, epochs, steps, subset, batchSize, learningRate, schedule, warmupEpochs,
                augment);
    }

    /** The same recipe with its budget replaced: {@code steps} > 0 wins over epochs. */
    public FinalConfig withBudget(double newEpochs, long newSteps, int newSubset) {
        return new FinalConfig(members, newEpochs, newSteps, newSubset, batchSize, learningRate, schedule, warmupEpochs,
                augment);
    }

    /** The same recipe with another batch size and learning rate (null keeps the current). */
    public FinalConfig withOptimizer(Integer newBatch, Double newRate) {
        return new FinalConfig(members, epochs, steps, subset, newBatch != null ? newBatch : batchSize,
                newRate != null ? newRate : learningRate, schedule, warmupEpochs, augment);
    }
}
