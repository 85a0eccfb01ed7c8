package org.effnas.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asynchronous Hyperband: {@code brackets} ASHA brackets on one rung ladder, bracket s starting its
 * candidates at rung s (so at {@code min_steps * eta^s} steps), which hedges against a
 * {@code min_steps} too short to rank by. New candidates go to the brackets in turn (round robin:
 * deterministic, unlike the random choice of Li et al., so a journal replays exactly); candidates are
 * ranked only against their own bracket; promotions go to the highest rung first, across brackets.
 */
public final class Hyperband implements Scheduler {

    private final SchedulerSettings settings;
    private final List<Asha> brackets = new ArrayList<>();
    private final Map<String, Integer> bracketOf = new HashMap<>();
    private long started;

    private Hyperband(SchedulerSettings settings) {
        this.settings = settings;
        for (int s = 0; s < settings.brackets(); s++) {
            brackets.add(Asha.bracket(settings, s));
        }
    }

    public static Hyperband of(SchedulerSettings settings) {
        return new Hyperband(settings);
    }

    @Override
    public SchedulerSettings settings() {
        return settings;
    }

    @Override
    public RungStart nextStart() {
        return brackets.get((int) (started % brackets.size())).nextStart();
    }

    @Override
    public void started(String baseId, int bracket) {
        if (bracket < 0 || bracket >= brackets.size()) {
            throw new IllegalArgumentException("candidate " + baseId + ": no bracket " + bracket);
        }
        bracketOf.put(baseId, bracket);
        started++;
    }

    @Override
    public Optional<Promotion> promotion() {
        Optional<Promotion> best = Optional.empty();
        for (Asha b : brackets) {
            Optional<Promotion> p = b.peekPromotion();
            if (p.isPresent() && (best.isEmpty() || p.get().toRung() > best.get().toRung())) {
                best = p;
            }
        }
        best.ifPresent(p -> brackets.get(p.bracket()).promoted(p.baseId(), p.toRung()));
        return best;
    }

    @Override
    public void promoted(String baseId, int toRung) {
        brackets.get(bracket(baseId)).promoted(baseId, toRung);
    }

    @Override
    public void recorded(RungResult r) {
        brackets.get(r.bracket()).recorded(r);
    }

    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> keep = new HashSet<>();
        RungResult best = null;
        for (Asha b : brackets) {
            Set<String> k = b.checkpointsToKeep(futureEvaluations);
            Optional<RungResult> top = b.bestAtTop();
            top.ifPresent(t -> k.remove(t.checkpoint()));
            keep.addAll(k);
            if (top.isPresent() && (best == null || top.get().score() > best.score())) {
                best = top.get();
            }
        }
        if (best != null) {
            keep.add(best.checkpoint());
        }
        return keep;
    }

    /** The brackets, for inspection. */
    public List<Asha> brackets() {
        return List.copyOf(brackets);
    }

    private int bracket(String baseId) {
        Integer b = bracketOf.get(baseId);
        if (b == null) {
            throw new IllegalArgumentException("candidate " + baseId + " was promoted before it started");
        }
        return b;
    }
}
