package org.effnas.experiment;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.effnas.eval.Fidelity;
import org.effnas.schedule.Promotion;
import org.effnas.schedule.RungLadder;
import org.effnas.schedule.RungResult;
import org.effnas.schedule.RungStart;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.schedule.TrainingWork;

/**
 * A scheduler over a fixed pool of candidates (the grid's triples): the wrapped scheduler's rule
 * while it promotes anything, and once every candidate of the pool has started, nothing is in flight
 * and it promotes no more, the best candidate of the highest rung reached continues one rung up, until
 * one reaches the top rung. ASHA alone promotes {@code floor(n/eta)} of a rung, so a pool smaller than
 * {@code eta^k} would stop below the top and the grid would be decided at a short, unreliable budget;
 * this is successive halving's own rule for the last rungs ({@code max(1, n/eta)}). Its state is a
 * function of the scheduler calls alone, so a journal replay restores it like the wrapped one's.
 */
final class FixedPoolScheduler implements Scheduler {

    private static final Comparator<RungResult> BEST_FIRST = Comparator.comparingDouble(RungResult::score)
            .reversed().thenComparing(RungResult::baseId);

    private final Scheduler rule;
    private final long pool;
    private final RungLadder ladder;
    private long started;
    private long submittedRungs;
    private long recordedRungs;
    /** The best scored result of each rung. */
    private final Map<Integer, RungResult> bestAt = new HashMap<>();
    /** Candidates that were promoted out of each rung. */
    private final Map<Integer, Set<String>> promotedFrom = new HashMap<>();

    private FixedPoolScheduler(Scheduler rule, long pool) {
        this.rule = rule;
        this.pool = pool;
        this.ladder = rule.settings().ladder();
    }

    /** {@code rule} over exactly {@code pool} candidates. */
    static Scheduler of(Scheduler rule, long pool) {
        return rule.usesRungs() && rule.settings().ladder().rungs() > 1 ? new FixedPoolScheduler(rule, pool) : rule;
    }

    @Override
    public SchedulerSettings settings() {
        return rule.settings();
    }

    /** The pool's work: the best continues to the top ({@code max(1, n/eta)} per rung). */
    @Override
    public TrainingWork work(long n) {
        return settings().work(n, true);
    }

    @Override
    public RungStart nextStart() {
        return rule.nextStart();
    }

    @Override
    public void started(String baseId, int bracket) {
        started++;
        submittedRungs++;
        rule.started(baseId, bracket);
    }

    @Override
    public Optional<Promotion> promotion() {
        Optional<Promotion> p = rule.promotion();
        if (p.isPresent()) {
            note(p.get().baseId(), p.get().toRung());
            return p;
        }
        if (started < pool || submittedRungs > recordedRungs) {
            return Optional.empty(); // more results will come: the rule may still promote
        }
        int highest = bestAt.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        if (highest < 0 || highest >= ladder.top()) {
            return Optional.empty();
        }
        RungResult best = bestAt.get(highest);
        if (promotedFrom.getOrDefault(highest, Set.of()).contains(best.baseId())) {
            return Optional.empty();
        }
        Promotion forced = new Promotion(best.baseId(), best.bracket(), highest, ladder.stepsAt(highest),
                highest + 1, ladder.stepsAt(highest + 1));
        promoted(best.baseId(), highest + 1);
        return Optional.of(forced);
    }

    @Override
    public void promoted(String baseId, int toRung) {
        rule.promoted(baseId, toRung);
        note(baseId, toRung);
    }

    private void note(String baseId, int toRung) {
        submittedRungs++;
        promotedFrom.computeIfAbsent(toRung - 1, k -> new HashSet<>()).add(baseId);
    }

    @Override
    public void recorded(RungResult result) {
        recordedRungs++;
        rule.recorded(result);
        if (result.scored()) {
            bestAt.merge(result.rung(), result, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
    }

    /**
     * The rule's, plus the best checkpoint of the highest rung reached below the top: the one a forced
     * promotion continues. A rung below it can never be the highest again, so its best is not needed.
     */
    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> keep = new HashSet<>(rule.checkpointsToKeep(futureEvaluations));
        int highest = bestAt.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        if (highest >= 0 && highest < ladder.top()) {
            RungResult r = bestAt.get(highest);
            keep.add(Fidelity.idOf(r.baseId(), r.rung()));
        }
        return keep;
    }
}
