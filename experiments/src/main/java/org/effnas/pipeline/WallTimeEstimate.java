package org.effnas.pipeline;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.effnas.cost.CostModel;
import org.effnas.experiment.ExperimentPlan;
import org.effnas.experiment.PhaseKind;
import org.effnas.experiment.PlanEstimate;
import org.effnas.reward.CostMetric;
import org.effnas.schedule.TrainingWork;

/**
 * The wall time a plan's trainings should take on this machine: each phase's images (its optimizer
 * steps x batch, under rungs only the steps the ladder trains: {@link PlanEstimate#work}) at the
 * calibrated images/s of the reference net, slowed in proportion to the candidate's MACs, spread
 * over the evaluation slots. Search candidates are taken at the target T (the search steers towards
 * it), grid triples at twice their base (the grid's FLOPs constraint) and family member phi at 2^phi
 * times it; each minival pass (one per training, one more per promotion) counts a third of a
 * training image per image. An estimate, said to be one: it leaves out data loading, network
 * building and the other programs on the machine.
 *
 * @param seconds the estimated wall time
 */
public record WallTimeEstimate(double seconds, Calibration calibration) {

    /** Above this, an interactive run without a wall-time budget asks for {@code --yes}. */
    public static final double CONFIRM_ABOVE_SECONDS = 3600;

    public WallTimeEstimate {
        if (!(seconds >= 0) || calibration == null) {
            throw new IllegalArgumentException("wall-time estimate: seconds >= 0 and a calibration are required");
        }
    }

    /**
     * @param trainImages the training split's size when the recipe runs epochs over it (empty: unknown)
     * @param evalImages  images of the minival pass after each training (a forward pass: a third of a
     *                    training step's cost per image); 0 when unknown
     * @param slots       evaluations that run at once
     * @return empty for a surrogate plan or when the steps per training are not known
     */
    public static java.util.Optional<WallTimeEstimate> of(ExperimentPlan plan, PlanEstimate counts,
                                                          Calibration calibration, OptionalDouble trainImages,
                                                          double evalImages, int slots) {
        if (plan.surrogate()) {
            return java.util.Optional.empty();
        }
        double searchMacs = plan.search()
                .filter(s -> s.reward().metric() == CostMetric.MACS)
                .map(s -> s.reward().target())
                .orElse((double) calibration.referenceMacs());
        double gridBase = plan.grid().flatMap(g -> g.base()).map(b -> (double) CostModel.of(b).macs())
                .orElse(searchMacs);
        // a family member at phi costs 2^phi times the base: their mean; a MACs target's member about its target
        double familyRelative = plan.family().filter(f -> counts.family() > 0)
                .map(f -> f.targets().filter(t -> t.metric() == CostMetric.MACS)
                        .map(t -> t.values().stream().mapToDouble(Double::doubleValue).average().orElse(0)
                                / Math.max(1, gridBase))
                        .orElseGet(() -> IntStream.rangeClosed(f.phiMin(), f.phiMax()).mapToDouble(phi -> Math.pow(2, phi))
                                .average().orElse(0))).orElse(0.0);
        Map<PhaseKind, Double> macsOf = new EnumMap<>(Map.of(PhaseKind.SEARCH, searchMacs,
                PhaseKind.RANDOM, searchMacs, PhaseKind.GRID, 2 * gridBase, PhaseKind.FAMILY, familyRelative * gridBase));
        double macImages = 0;
        for (Map.Entry<PhaseKind, Double> phase : macsOf.entrySet()) {
            java.util.Optional<TrainingWork> work = counts.work(plan, phase.getKey());
            double images;
            if (work.isPresent()) {
                images = work.get().steps() * (double) plan.training().batchSize()
                        + work.get().evaluations() * evalImages / 3;
            } else if (trainImages.isPresent()) {
                // epochs over the split: one training per evaluation counted, each scored once
                images = counts.trainings(phase.getKey()) * (plan.training().epochs() * trainImages.getAsDouble()
                        + evalImages / 3);
            } else {
                return java.util.Optional.empty();
            }
            macImages += images * phase.getValue();
        }
        return java.util.Optional.of(new WallTimeEstimate(
                seconds(macImages, calibration, Math.max(1, slots)), calibration));
    }

    /**
     * The estimate for a resolved config's plan with this machine's calibration (measured now when
     * nothing is cached); empty for a surrogate or command-evaluator plan (no calibration runs) or when
     * it cannot be made.
     */
    public static java.util.Optional<WallTimeEstimate> forConfig(org.effnas.config.ExperimentConfig c,
                                                                 ExperimentPlan plan, Path file,
                                                                 java.io.PrintStream log) {
        if (plan.surrogate() || plan.evaluator() != org.effnas.experiment.EvaluatorKind.DL4J) {
            // a surrogate trains nothing; another trainer's speed is not DL4J's
            return java.util.Optional.empty();
        }
        PlanEstimate counts = PlanEstimate.of(plan);
        if (counts.total() == 0) {
            return java.util.Optional.empty();
        }
        return CalibrationRun.cachedOrMeasured(file, log).flatMap(cal -> {
            boolean reference = c.dataset().name().equals("fashion-mnist") && cal.trainImages() > 0
                    && (c.dataset().path() == null
                    || Path.of(c.dataset().path()).equals(Path.of("/usr/share/datasets/fashion-mnist")));
            double minival = reference ? cal.trainImages() * c.dataset().minival() : 0;
            OptionalDouble train = reference ? OptionalDouble.of(cal.trainImages() - minival) : OptionalDouble.empty();
            if (plan.training().subset() > 0) {
                train = OptionalDouble.of(plan.training().subset());
            }
            int slots = switch (c.cluster().mode()) {
                case LOCAL -> c.evaluator().localWorkers();
                case EMBEDDED -> c.cluster().embeddedWorkers();
                case HAZELCAST -> 1;
            };
            java.util.Optional<WallTimeEstimate> e = of(plan, counts, cal, train, minival, slots);
            if (e.isEmpty()) {
                log.println("effnas: no time estimate: the recipe trains epochs over a split of unknown size "
                        + "(give training.steps or training.subset for one)");
            }
            return e;
        });
    }

    /** Whether a wall-time budget bounds the run (then no confirmation is asked). */
    public static boolean hasWallTimeBudget(org.effnas.config.ExperimentConfig c) {
        return !c.strategy().budget().wallTime().isZero();
    }

    /** The arithmetic: MAC-weighted images over the reference's MAC throughput, spread over the slots. */
    static double seconds(double macImages, Calibration c, int slots) {
        double referenceMacsPerSecond = c.imagesPerSecond() * c.referenceMacs();
        return macImages / referenceMacsPerSecond / slots;
    }

    /** Whether to stop and ask: long, no wall-time budget bounds it, a person is there, no {@code --yes}. */
    public boolean needsConfirmation(boolean wallTimeBudget, boolean interactive, boolean yes) {
        return seconds > CONFIRM_ABOVE_SECONDS && !wallTimeBudget && interactive && !yes;
    }

    /** One console line, e.g. {@code effnas: estimate: about 2:10:00 of training on this machine (...)}. */
    public String describe() {
        return String.format(Locale.ROOT, "effnas: estimate: about %s of training and minival passes on this machine (%.0f images/s "
                        + "measured for %s at %d px, %s; scaled by each candidate's MACs)",
                org.effnas.progress.ProgressLine.clock(seconds), calibration.imagesPerSecond(),
                calibration.architecture(), calibration.resolution(), calibration.source());
    }
}
