package org.effnas.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.effnas.eval.Fidelity;

/**
 * Not a search scheduler: every candidate climbs every rung (each successful rung is promoted), for a
 * fidelity study that measures how well each rung's ranking predicts the top one's. Continued
 * training as under ASHA, so the study costs N runs of {@code max_steps}, not N per rung.
 */
public final class FullLadder implements Scheduler {

    private final SchedulerSettings settings;
    private final RungLadder ladder;
    /** Scored results not yet promoted, per rung, in arrival order. */
    private final Map<Integer, List<RungResult>> waiting = new HashMap<>();
    private final Set<String> promoted = new HashSet<>();
    private final Set<String> arrived = new HashSet<>();

    private FullLadder(SchedulerSettings settings) {
        if (settings.name() == SchedulerName.FIFO) {
            throw new IllegalArgumentException("a full ladder needs rungs: give asha or hyperband settings");
        }
        this.settings = settings;
        this.ladder = settings.ladder();
    }

    /** Every rung of the settings' ladder (their brackets are ignored: all start at rung 0). */
    public static FullLadder of(SchedulerSettings settings) {
        return new FullLadder(settings);
    }

    @Override
    public SchedulerSettings settings() {
        return settings;
    }

    @Override
    public RungStart nextStart() {
        return new RungStart(0, 0, ladder.stepsAt(0));
    }

    @Override
    public void started(String baseId, int bracket) {
        // nothing to decide
    }

    @Override
    public Optional<Promotion> promotion() {
        for (int k = ladder.top() - 1; k >= 0; k--) {
            List<RungResult> w = waiting.getOrDefault(k, List.of());
            for (RungResult r : w) {
                if (!promoted.contains(Fidelity.idOf(r.baseId(), k + 1))) {
                    promoted(r.baseId(), k + 1);
                    return Optional.of(new Promotion(r.baseId(), 0, k, ladder.stepsAt(k), k + 1, ladder.stepsAt(k + 1)));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void promoted(String baseId, int toRung) {
        promoted.add(Fidelity.idOf(baseId, toRung));
        waiting.getOrDefault(toRung - 1, new ArrayList<>()).removeIf(r -> r.baseId().equals(baseId));
    }

    @Override
    public void recorded(RungResult r) {
        arrived.add(r.checkpoint());
        if (r.scored() && r.rung() < ladder.top() && !promoted.contains(Fidelity.idOf(r.baseId(), r.rung() + 1))) {
            waiting.computeIfAbsent(r.rung(), k -> new ArrayList<>()).add(r);
        }
    }

    @Override
    public Set<String> checkpointsToKeep(long futureEvaluations) {
        // a rung's checkpoint is needed until the next rung of the same candidate has a result
        Set<String> keep = new HashSet<>();
        for (String id : arrived) {
            int at = id.lastIndexOf("@r");
            String next = Fidelity.idOf(id.substring(0, at), Integer.parseInt(id.substring(at + 2)) + 1);
            if (!arrived.contains(next)) {
                keep.add(id);
            }
        }
        return keep;
    }
}
