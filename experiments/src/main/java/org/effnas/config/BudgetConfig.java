package org.effnas.config;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * When a search stops: after {@code evaluations} candidates or {@code wallTime}, whichever first.
 *
 * @param wallTime zero means no time limit
 */
public record BudgetConfig(int evaluations, @JsonSerialize(using = DurationText.class) Duration wallTime) {

    /**
     * Most evaluations one search may be budgeted: the runner keeps every candidate and result in
     * memory and fsyncs two journal lines per evaluation, so this bounds both memory and run time.
     */
    public static final int MAX_EVALUATIONS = 100_000;

    static BudgetConfig read(ConfigSection s) {
        return new BudgetConfig(s.integer("evaluations", 24, 1, MAX_EVALUATIONS),
                s.duration("wall_time", Duration.ZERO));
    }
}
