package org.effnas.schedule;

import java.util.Optional;
import java.util.Set;

/**
 * Decides how much training each evaluation gets and which candidates continue, orthogonally to the
 * strategy (which only proposes architectures). Driven by the search runner from one thread: whenever
 * a slot is free it asks {@link #promotion()} first and otherwise starts a new candidate at
 * {@link #nextStart()}; every rung result goes to {@link #recorded}. State is a function of the calls
 * alone, so replaying a journal's submissions ({@link #started}, {@link #promoted}) and results
 * restores it exactly.
 */
public interface Scheduler {

    SchedulerSettings settings();

    /** False for fifo without {@code max_steps}: candidates then carry no rung and train the recipe. */
    default boolean usesRungs() {
        return settings().maxSteps() > 0;
    }

    /** The training {@code n} new candidates cost under this scheduler ({@link SchedulerSettings#work}). */
    default TrainingWork work(long n) {
        return settings().work(n, false);
    }

    /** Where the next new candidate would start; commit it with {@link #started}. */
    RungStart nextStart();

    /** A new candidate entered {@code bracket} (live, or replayed from the journal). */
    void started(String baseId, int bracket);

    /**
     * The promotion a free slot should run now, if any candidate has earned one; it is committed (never
     * returned again). Higher rungs go first, so the best candidates reach the top soonest.
     */
    Optional<Promotion> promotion();

    /** A promotion replayed from the journal: commit it without asking. */
    void promoted(String baseId, int toRung);

    /** A rung evaluation's result. */
    void recorded(RungResult result);

    /**
     * The checkpoints that may still be needed: every one the scheduler may still promote from, given
     * at most {@code futureEvaluations} more results entering the ladder (new candidates and those in
     * flight; {@link Long#MAX_VALUE} when unbounded), plus the best top-rung one (the winner's model).
     * Every other checkpoint written so far may be deleted.
     */
    Set<String> checkpointsToKeep(long futureEvaluations);

    /** The scheduler these settings name. */
    static Scheduler of(SchedulerSettings settings) {
        return switch (settings.name()) {
            case FIFO -> Fifo.of(settings);
            case ASHA -> Asha.of(settings);
            case HYPERBAND -> Hyperband.of(settings);
        };
    }
}
