package org.effnas.search;

import java.time.Duration;
import org.effnas.InvalidInputException;
import org.effnas.InvalidSettingException;

/**
 * When a search stops submitting: after {@code evaluations} candidates (counting those of earlier
 * sessions of a resumed experiment) and/or after {@code wallTime} in this session. Evaluations already
 * in flight are always waited for and recorded.
 *
 * @param evaluations maximum candidates, or {@link Integer#MAX_VALUE} for no limit
 * @param wallTime    maximum time this session submits for, or null for no limit
 */
public record SearchBudget(int evaluations, Duration wallTime) {

    public SearchBudget {
        if (evaluations < 1) {
            throw new InvalidSettingException("budget", "must be >= 1 evaluations, got " + evaluations);
        }
        if (wallTime != null && (wallTime.isNegative() || wallTime.isZero())) {
            throw new InvalidSettingException("wall time", "must be positive, got " + wallTime);
        }
        if (evaluations == Integer.MAX_VALUE && wallTime == null) {
            throw new InvalidSettingException("budget", "give a number of evaluations or a wall time");
        }
    }

    public static SearchBudget evaluations(int n) {
        return new SearchBudget(n, null);
    }

    public static SearchBudget of(int evaluations, Duration wallTime) {
        return new SearchBudget(evaluations, wallTime);
    }

    public boolean limitsEvaluations() {
        return evaluations != Integer.MAX_VALUE;
    }
}
