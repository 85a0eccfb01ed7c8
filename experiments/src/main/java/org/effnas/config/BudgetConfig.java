package org.effnas.config;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * When a search stops: after {@code evaluations} candidates or {@code wallTime}, whichever first.
 *
 * @param wallTime zero means no time limit
 */
public record BudgetConfig(int evaluations, @JsonSerialize(using = DurationText.class) Duration wallTime) {

    public static BudgetConfig of(int evaluations) {
        return new BudgetConfig(evaluations, Duration.ZERO);
    }

    static BudgetConfig read(ConfigSection s) {
        return new BudgetConfig(s.integer("evaluations", 24, 1, 1_000_000),
                s.duration("wall_time", Duration.ZERO));
    }
}
