package org.effnas.experiment;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.effnas.schedule.Promotion;
import org.effnas.schedule.RungResult;
import org.effnas.schedule.RungStart;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;

/**
 * The wrapped scheduler's rule, holding every checkpoint its candidates wrote while the phase runs:
 * the family's members are saved as deployable models from their checkpoints once the phase is done,
 * and only then is what the rule alone would have let go ({@link #releasable()}) released. Its state
 * is a function of the scheduler calls, so a journal replay holds the same checkpoints again.
 */
final class CheckpointHoldingScheduler implements Scheduler {

    private final Scheduler rule;
    private final Set<String> written = new LinkedHashSet<>();

    private CheckpointHoldingScheduler(Scheduler rule) {
        this.rule = rule;
    }

    static CheckpointHoldingScheduler of(Scheduler rule) {
        return new CheckpointHoldingScheduler(java.util.Objects.requireNonNull(rule, "rule"));
    }

    @Override
    public SchedulerSettings settings() {
        return rule.settings();
    }

    @Override
    public boolean usesRungs() {
        return rule.usesRungs();
    }

    @Override
    public RungStart nextStart() {
        return rule.nextStart();
    }

    @Override
    public void started(String baseId, int bracket) {
        rule.started(baseId, bracket);
    }

    @Override
    public Optional<Promotion> promotion() {
        return rule.promotion();
    }

    @Override
    public void promoted(String baseId, int toRung) {
        rule.promoted(baseId, toRung);
    }

    @Override
    public void recorded(RungResult result) {
        rule.recorded(result);
        if (result.scored()) {
            written.add(result.checkpoint());
        }
    }

    /** Every checkpoint a scored result wrote, besides the rule's own. */
    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> keep = new LinkedHashSet<>(rule.checkpointsToKeep(futureEvaluations));
        keep.addAll(written);
        return keep;
    }

    /**
     * The held checkpoints (phase-local ids) the rule no longer needs once no more results can enter:
     * what the runner would have released without the hold, for the phase to release after saving.
     */
    Set<String> releasable() {
        Set<String> out = new LinkedHashSet<>(written);
        out.removeAll(rule.checkpointsToKeep(0));
        return out;
    }
}
