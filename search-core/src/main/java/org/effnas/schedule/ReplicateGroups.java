package org.effnas.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.effnas.eval.Fidelity;

/**
 * A scheduler over candidates that come in groups of replicates: one architecture trained under
 * {@code replicates} seeds, the group's members started one after the other (as a grid proposes a
 * triple's seeds). The wrapped rule sees one candidate per group, named by its first member, scored
 * by the mean over the members that succeeded once every member's result at that rung is in; when
 * the rule promotes a group, every member that succeeded at the rung continues its own checkpoint one
 * rung up. So a triple reaches a rung with all its seeds, the rung's spread over seeds is measured
 * wherever it is reached (the noise floor), and the top rung holds the seeds its interval needs.
 * Promotions by the mean of several seeds are also less at the mercy of one lucky seed.
 *
 * <p>State is a function of the calls alone (a member's group follows from the order of starts), so
 * a journal replay restores it: a replayed promotion of one member commits the group's promotion and
 * queues the members the journal had not promoted yet.
 */
public final class ReplicateGroups implements Scheduler {

    private final Scheduler rule;
    private final int replicates;
    private final RungLadder ladder;
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Group> groupOf = new HashMap<>();
    private final Map<String, Group> byId = new HashMap<>();
    /** Member promotions of promoted groups not yet handed out, in order. */
    private final Deque<Promotion> queued = new ArrayDeque<>();

    /** One architecture's replicates. */
    private static final class Group {
        final String id;
        final int bracket;
        final RungStart start;
        final List<String> members = new ArrayList<>();
        /** rung -> member -> result. */
        final Map<Integer, Map<String, RungResult>> results = new HashMap<>();
        /** rung -> the members promoted to it (those that succeeded at the rung below). */
        final Map<Integer, Set<String>> promotedTo = new HashMap<>();
        final Set<Integer> reported = new HashSet<>();

        Group(String id, RungStart start) {
            this.id = id;
            this.bracket = start.bracket();
            this.start = start;
        }

        Set<String> succeededAt(int rung) {
            Set<String> ok = new LinkedHashSet<>();
            results.getOrDefault(rung, Map.of()).forEach((m, r) -> {
                if (r.scored()) {
                    ok.add(m);
                }
            });
            return ok;
        }
    }

    private ReplicateGroups(Scheduler rule, int replicates) {
        this.rule = rule;
        this.replicates = replicates;
        this.ladder = rule.settings().ladder();
    }

    /**
     * {@code rule} over groups of {@code replicates} consecutive starts; the rule itself when there is
     * one replicate or no rungs (nothing to group).
     */
    public static Scheduler of(Scheduler rule, int replicates) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
        }
        return replicates == 1 || !rule.usesRungs() ? rule : new ReplicateGroups(rule, replicates);
    }

    /** Each group of replicates climbs the ladder together: the rule's work for the groups, times the replicates. */
    @Override
    public TrainingWork work(long n) {
        TrainingWork groups = rule.work(n / replicates);
        return new TrainingWork(groups.steps() * replicates, groups.evaluations() * replicates);
    }

    @Override
    public SchedulerSettings settings() {
        return rule.settings();
    }

    /** The group still taking members, if any. */
    private Optional<Group> open() {
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        Group last = groups.get(groups.size() - 1);
        return last.members.size() < replicates ? Optional.of(last) : Optional.empty();
    }

    @Override
    public RungStart nextStart() {
        Optional<Group> open = open();
        return open.isPresent() ? open.get().start : rule.nextStart();
    }

    @Override
    public void started(String baseId, int bracket) {
        Group g = open().orElse(null);
        if (g == null) {
            // where the rule starts it: asked before committing, as the runner did (a replay never asks)
            RungStart start = rule.nextStart();
            if (start.bracket() != bracket) {
                throw new IllegalArgumentException("candidate " + baseId + " started in bracket " + bracket
                        + ", where the scheduler starts its next candidate in bracket " + start.bracket());
            }
            g = new Group(baseId, start);
            groups.add(g);
            byId.put(baseId, g);
            rule.started(baseId, bracket);
        } else if (g.bracket != bracket) {
            throw new IllegalArgumentException("candidate " + baseId + " started in bracket " + bracket
                    + ", but its group " + g.id + " is in bracket " + g.bracket);
        }
        g.members.add(baseId);
        groupOf.put(baseId, g);
    }

    @Override
    public Optional<Promotion> promotion() {
        if (queued.isEmpty()) {
            Optional<Promotion> p = rule.promotion();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Group g = byId.get(p.get().baseId());
            for (String m : promote(g, p.get().toRung())) {
                queued.add(memberPromotion(g, m, p.get().toRung()));
            }
        }
        return Optional.ofNullable(queued.poll());
    }

    /** Commits a group's promotion: the members that succeeded at the rung below. */
    private Set<String> promote(Group g, int toRung) {
        Set<String> members = g.succeededAt(toRung - 1);
        g.promotedTo.put(toRung, members);
        return members;
    }

    private Promotion memberPromotion(Group g, String member, int toRung) {
        return new Promotion(member, g.bracket, toRung - 1, ladder.stepsAt(toRung - 1), toRung, ladder.stepsAt(toRung));
    }

    @Override
    public void promoted(String baseId, int toRung) {
        Group g = group(baseId);
        if (!g.promotedTo.containsKey(toRung)) {
            rule.promoted(g.id, toRung);
            for (String m : promote(g, toRung)) {
                if (!m.equals(baseId)) {
                    queued.add(memberPromotion(g, m, toRung));
                }
            }
            g.promotedTo.get(toRung).add(baseId);
        } else {
            g.promotedTo.get(toRung).add(baseId);
            queued.removeIf(q -> q.baseId().equals(baseId) && q.toRung() == toRung);
        }
    }

    @Override
    public void recorded(RungResult r) {
        Group g = group(r.baseId());
        Map<String, RungResult> at = g.results.computeIfAbsent(r.rung(), k -> new LinkedHashMap<>());
        at.put(r.baseId(), r);
        Set<String> expected = r.rung() == g.start.rung()
                ? (g.members.size() == replicates ? new HashSet<>(g.members) : null) : g.promotedTo.get(r.rung());
        if (expected == null || !at.keySet().containsAll(expected) || !g.reported.add(r.rung())) {
            return;
        }
        double mean = at.values().stream().filter(RungResult::scored).mapToDouble(RungResult::score).average()
                .orElse(Double.NaN);
        rule.recorded(new RungResult(g.id, g.bracket, r.rung(), r.steps(), mean));
    }

    /**
     * The rule's keep set, from groups to their members' checkpoints, plus every checkpoint of a rung
     * whose mean the rule has not seen yet and the sources of member promotions not yet handed out.
     */
    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        Set<String> groupKeep = rule.checkpointsToKeep(futureEvaluations);
        Set<String> keep = new HashSet<>();
        for (Group g : groups) {
            g.results.forEach((rung, byMember) -> {
                // a rung whose mean is not yet reported is not ranked yet: the rule cannot have let it go
                if (!g.reported.contains(rung) || groupKeep.contains(Fidelity.idOf(g.id, rung))) {
                    byMember.keySet().forEach(m -> keep.add(Fidelity.idOf(m, rung)));
                }
            });
        }
        queued.forEach(q -> keep.add(Fidelity.idOf(q.baseId(), q.fromRung())));
        return keep;
    }

    /** The members of the group a candidate belongs to, in start order. */
    public List<String> members(String baseId) {
        return List.copyOf(group(baseId).members);
    }

    private Group group(String baseId) {
        Group g = groupOf.get(baseId);
        if (g == null) {
            throw new IllegalArgumentException("candidate " + baseId + " has a result or promotion before it started");
        }
        return g;
    }
}
