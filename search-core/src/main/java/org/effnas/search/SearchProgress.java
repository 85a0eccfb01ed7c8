package org.effnas.search;

import java.util.Optional;

/**
 * A snapshot of a running search for progress displays.
 *
 * @param done        results recorded (including those replayed from the journal)
 * @param total       the evaluation budget, or -1 when only time-limited
 * @param inFlight    candidates being evaluated now
 * @param failures    failed evaluations so far
 * @param cached      results served from the cache in this session
 * @param best        the best rewarded observation so far
 * @param elapsedSeconds this session's wall time
 * @param etaSeconds  estimated time to finish the budget, NaN when unknown
 */
public record SearchProgress(int done, int total, int inFlight, int failures, int cached, Optional<Observation> best,
                             double elapsedSeconds, double etaSeconds) {
}
