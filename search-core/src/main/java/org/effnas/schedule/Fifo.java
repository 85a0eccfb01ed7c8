package org.effnas.schedule;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.effnas.InvalidInputException;

/**
 * First in, first out: every candidate trains the same budget once and nothing is promoted (the
 * default). With {@code max_steps} the single rung is explicit (so it compares with ASHA's top rung);
 * without it candidates carry no rung and train what the recipe says.
 */
public final class Fifo implements Scheduler {

    private final SchedulerSettings settings;
    private RungResult best;

    private Fifo(SchedulerSettings settings) {
        this.settings = settings;
    }

    public static Fifo of(SchedulerSettings settings) {
        return new Fifo(settings);
    }

    @Override
    public SchedulerSettings settings() {
        return settings;
    }

    @Override
    public RungStart nextStart() {
        return new RungStart(0, 0, settings.maxSteps());
    }

    @Override
    public void started(String baseId, int bracket) {
        // every candidate starts at the one rung
    }

    @Override
    public Optional<Promotion> promotion() {
        return Optional.empty();
    }

    @Override
    public void promoted(String baseId, int toRung) {
        throw new InvalidInputException("scheduler.name: the journal promotes " + baseId + " to rung " + toRung
                + ", so it was written under asha or hyperband; resume it with the same scheduler settings");
    }

    @Override
    public void recorded(RungResult r) {
        if (r.scored() && (best == null || r.score() > best.score())) {
            best = r;
        }
    }

    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> keep = new HashSet<>();
        if (best != null) {
            keep.add(best.checkpoint());
        }
        return keep;
    }
}
