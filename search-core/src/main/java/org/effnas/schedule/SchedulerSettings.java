package org.effnas.schedule;

import org.effnas.InvalidInputException;

/**
 * The {@code scheduler} section: which scheduler and its rung ladder.
 *
 * @param name     fifo, asha or hyperband
 * @param minSteps training steps of the lowest rung (asha, hyperband); 0 for fifo
 * @param maxSteps training steps of the top rung, and the length of the learning-rate schedule of every
 *                 run; for fifo 0 means "as the training recipe says" (no rungs at all)
 * @param eta      reduction factor: rung k trains {@code min_steps * eta^k} steps and keeps the top 1/eta
 * @param brackets hyperband brackets (bracket s starts its candidates at rung s); 1 for fifo and asha
 */
public record SchedulerSettings(SchedulerName name, long minSteps, long maxSteps, int eta, int brackets) {

    public SchedulerSettings {
        if (name == null) {
            throw new InvalidInputException("scheduler.name: required (fifo, asha or hyperband)");
        }
        if (maxSteps < 0) {
            throw new InvalidInputException("scheduler.max_steps: must be >= 0, got " + maxSteps);
        }
        if (name == SchedulerName.FIFO) {
            if (brackets != 1) {
                throw new InvalidInputException("scheduler.brackets: fifo has exactly 1, got " + brackets);
            }
        } else {
            if (minSteps < 1) {
                throw new InvalidInputException("scheduler.min_steps: must be >= 1 for " + name.text() + ", got "
                        + minSteps);
            }
            if (maxSteps <= minSteps) {
                throw new InvalidInputException("scheduler.max_steps: must be above scheduler.min_steps ("
                        + minSteps + ") for " + name.text() + ", got " + maxSteps);
            }
            if (eta < 2) {
                throw new InvalidInputException("scheduler.eta: must be >= 2, got " + eta);
            }
            if (brackets < 1) {
                throw new InvalidInputException("scheduler.brackets: must be >= 1, got " + brackets);
            }
            if (name == SchedulerName.ASHA && brackets != 1) {
                throw new InvalidInputException("scheduler.brackets: asha has exactly 1 (use hyperband for more), got "
                        + brackets);
            }
            int rungs = RungLadder.of(minSteps, maxSteps, eta).rungs();
            if (brackets > rungs - 1) {
                throw new InvalidInputException("scheduler.brackets: at most " + (rungs - 1) + " for "
                        + rungs + " rungs from " + minSteps + " to " + maxSteps + " steps with eta " + eta
                        + " (a bracket must start below the top rung), got " + brackets);
            }
        }
    }

    /** Today's behaviour: every candidate trains the recipe's budget once. */
    public static SchedulerSettings fifo() {
        return new SchedulerSettings(SchedulerName.FIFO, 0, 0, 3, 1);
    }

    /** Every candidate trains {@code maxSteps} steps once, as one rung (comparable to ASHA's top rung). */
    public static SchedulerSettings fifo(long maxSteps) {
        return new SchedulerSettings(SchedulerName.FIFO, 0, maxSteps, 3, 1);
    }

    public static SchedulerSettings asha(long minSteps, long maxSteps, int eta) {
        return new SchedulerSettings(SchedulerName.ASHA, minSteps, maxSteps, eta, 1);
    }

    public static SchedulerSettings hyperband(long minSteps, long maxSteps, int eta, int brackets) {
        return new SchedulerSettings(SchedulerName.HYPERBAND, minSteps, maxSteps, eta, brackets);
    }

    public static SchedulerSettings of(SchedulerName name, long minSteps, long maxSteps, int eta, int brackets) {
        return new SchedulerSettings(name, minSteps, maxSteps, eta, brackets);
    }

    /**
     * The ladder a fixed pool of {@code n} candidates climbs (the grid's triples): ASHA's rungs from the
     * lowest one where halving by eta still leaves one at the top ({@code n >= eta^(rungs above)}), as
     * Hyperband sizes a bracket to its candidates; one rung at {@code max_steps} when n is below eta.
     * A pool entering lower would be ranked where the candidates differ most in how fast they start
     * (6 scaled variants of one net at 30 of 810 steps), and only forced promotions would reach the top.
     * Fifo and hyperband are returned as they are.
     */
    public SchedulerSettings forPool(long n) {
        if (name != SchedulerName.ASHA) {
            return this;
        }
        RungLadder all = ladder();
        int entry = 0;
        long reach = 1;
        for (int k = 0; k < all.top(); k++) {
            reach = Math.multiplyExact(reach, eta);
        }
        while (entry < all.top() && n < reach) {
            entry++;
            reach /= eta;
        }
        if (entry == 0) {
            return this;
        }
        return entry == all.top() ? fifo(maxSteps) : asha(all.stepsAt(entry), maxSteps, eta);
    }

    /**
     * What {@code n} new candidates cost on this ladder: each trains rung 0, and every promotion trains
     * only its own rung's {@code r_k - r_(k-1)} steps (continued training) and is scored again. ASHA
     * promotes {@code floor(n/eta)} per rung, and {@code max(1, n/eta)} for a fixed pool (a budget of
     * evaluations, the grid's triples: the best continues to the top); for hyperband this is the
     * bound of bracket 0, whose candidates climb the most rungs.
     */
    public TrainingWork work(long n, boolean fixedPool) {
        if (n == 0) {
            return TrainingWork.NONE;
        }
        RungLadder ladder = ladder();
        TrainingWork total = TrainingWork.of(n, ladder.stepsAt(0));
        long alive = n;
        for (int k = 1; k <= ladder.top(); k++) {
            alive = fixedPool ? Math.max(1, alive / eta) : alive / eta;
            if (alive == 0) {
                break;
            }
            total = total.plus(TrainingWork.of(alive, ladder.stepsAt(k) - ladder.stepsAt(k - 1)));
        }
        return total;
    }

    /** The rung ladder (one rung at {@code max_steps} for fifo). */
    public RungLadder ladder() {
        return name == SchedulerName.FIFO ? RungLadder.single(maxSteps) : RungLadder.of(minSteps, maxSteps, eta);
    }
}
