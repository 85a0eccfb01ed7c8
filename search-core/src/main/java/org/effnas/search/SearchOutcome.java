package org.effnas.search;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced.
 *
 * @param observations every recorded result with its candidate and reward, in recording order
 *                     (including those of earlier sessions)
 * @param stopReason   why submitting stopped
 * @param duplicateDraws proposals rejected as duplicates in this session
 * @param cachedResults results served from the cache in this session
 * @param elapsedSeconds this session's wall time
 */
public record SearchOutcome(List<Observation> observations, StopReason stopReason, int duplicateDraws,
                            int cachedResults, double elapsedSeconds) {

    public SearchOutcome {
        observations = List.copyOf(observations);
    }

    /**
     * The observation with the highest reward at the highest rung reached (ties: earlier first): under
     * a multi-fidelity scheduler, rewards of different rungs are not comparable (docs/search.md).
     */
    public Optional<Observation> best() {
        return observations.stream().filter(Observation::rewarded)
                .max(Comparator.comparingInt(Observation::rung).thenComparingDouble(Observation::rewardOrWorst)
                        .thenComparing(Comparator.comparing((Observation o) -> o.candidate().id()).reversed()));
    }

    public int failures() {
        return (int) observations.stream().filter(o -> !o.rewarded()).count();
    }
}
